import { mount } from "svelte";
import "./app.css";
import App from "./App.svelte";
import { askEarly } from "./lib/startup";

askEarly();
mount(App, { target: document.getElementById("app")! });
