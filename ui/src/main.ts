import { mount } from "svelte";
import "./app.css";
import App from "./App.svelte";
import { askEarly } from "./lib/startup";
import { applyPrefs } from "./lib/prefs";
import { addFonts } from "./lib/fonts";

addFonts();
const given = askEarly();
// Theme and text size before the first frame, so it is drawn once, as chosen.
if (given) applyPrefs(given.prefs);
mount(App, { target: document.getElementById("app")! });
