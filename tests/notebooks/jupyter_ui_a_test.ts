/** The real-UI notebook test, half 0 of the notebooks (see jupyter_ui.ts). */
import { uiTest } from "./jupyter_ui.ts";

uiTest(0);
