// filled by the ops work
export {};
