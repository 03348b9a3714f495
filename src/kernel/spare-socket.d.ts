// Types of spare-socket.js (plain JavaScript so the kernelspec's launcher can load it without tsx).

/** The value of BACKPROP_LAB_SPARE_KERNEL that turns spares on, or undefined when they are off. */
export declare function spareSetting(env: NodeJS.ProcessEnv): string | undefined;
/** The Unix socket a spare kernel listens on for this checkout, cache folder, user and spare setting. */
export declare function spareSocketPath(env: NodeJS.ProcessEnv): string;
