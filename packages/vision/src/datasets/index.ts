// filled by the datasets work
export {};
