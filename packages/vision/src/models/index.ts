// filled by the models work
export {};
