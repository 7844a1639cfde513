// filled by the io work
export {};
