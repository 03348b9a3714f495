// Test files that run notebooks in-process drop @jupyterlab/services' narration from their logs, as the commands do.
import { dropServicesChatter } from "../src/notebook/services-chatter";

dropServicesChatter();
