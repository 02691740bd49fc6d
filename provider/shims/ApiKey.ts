// The provider every ApiKey stores in state, by module name when the package is installed (kit/shim.ts).
import { shimProvider } from "../resources/kit/shim";

export = shimProvider("ApiKey");
