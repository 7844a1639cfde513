// filled by the utils work
export {};
