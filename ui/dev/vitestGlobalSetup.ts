// Before the UI tests: build the test host they run against.
import { buildHost } from "./hostProcess.ts";

export default function setup() {
  buildHost();
}
