import { SUCCESS } from "../errors/error-table";
import type { ListPage } from "../paging/list-page";
import type { RouteResult } from "../http/route-result";

/** What a handler answers: the envelope body and its HTTP status. */
export type ApiResult = RouteResult;

/** `{code: 0, message: "Success", data}`. */
export function success(data: unknown): ApiResult {
  return { status: 200, body: { ...SUCCESS, data } };
}

/** `{code: 0, message}` with no data (deletes answer this way). */
export function successMessage(message: string): ApiResult {
  return { status: 200, body: { code: 0, message } };
}

/** A page of a list, with the paging fields the reference's list responses carry. */
export function successList<T>(page: ListPage<T>): ApiResult {
  return {
    status: 200,
    body: {
      ...SUCCESS,
      totalPages: Math.ceil(page.totalRecords / page.count),
      totalRecords: page.totalRecords,
      count: page.count,
      page: page.page,
      order_on: page.orderOn,
      order_by: page.orderBy,
      data: page.data,
    },
  };
}
