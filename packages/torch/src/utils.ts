/** torch.utils: torch.utils.data is @x/data. */
export * as data from '@x/data';
