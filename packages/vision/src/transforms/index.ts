// filled by the transforms work
export {};
