// Types of spare-socket.js (plain JavaScript so the kernelspec's launcher can load it without tsx).

/** BACKPROP_LAB_SPARE_KERNEL, "1" when unset, or undefined when it is "0" (spares off). */
export declare function spareSetting(env: NodeJS.ProcessEnv): string | undefined;
/** The Unix socket a spare kernel listens on for this checkout, cache folder, user and spare setting. */
export declare function spareSocketPath(env: NodeJS.ProcessEnv): string;
/** What a launcher, spare or test asks a spare's socket; the spare answers SPARE_ANSWER, then SPARE_WARM or SPARE_WARMING. */
export declare const SPARE_QUESTION: string;
export declare const SPARE_ANSWER: string;
/** The spare's throwaway cells are all compiled (jit-warm-up.ts): V8 has optimized the compiler. */
export declare const SPARE_WARM: string;
export declare const SPARE_WARMING: string;
