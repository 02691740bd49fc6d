// The provider every Subaccount stores in state, by module name when the package is installed (kit/shim.ts).
import { shimProvider } from "../resources/kit/shim";

export = shimProvider("Subaccount");
