/** One page of a browse operation, before the API's envelope adds its paging fields (lib/api/envelope.ts). */
export type ListPage<T> = {
  data: T[];
  totalRecords: number;
  page: number;
  count: number;
  orderOn: string;
  orderBy: "asc" | "desc";
};
