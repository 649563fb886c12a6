import { describe, expect, it } from "vitest";
import { maskCardNumber } from "./mask";

describe("maskCardNumber", () => {
  it.each([
    ["4111111111111111", "411111xxxxxx1111"],
    ["378282246310005", "378282xxxxx0005"],
    ["36227206271667", "362272xxxx1667"],
    ["4222222222222", "422222xxx2222"],
    ["4111111111111111113", "411111xxxxxxxxx1113"],
    ["123456789012", "123456xx9012"], // shortest length still partially shown
    ["12345678901", "xxxxxxxxxxx"], // too short: first six + last four would reveal it all
    ["4111 1111 1111 1111", "xxxxxxxxxxxxxxxxxxx"], // not bare digits: shown as nothing
    ["", ""],
  ])("%j -> %j", (input, expected) => {
    const masked = maskCardNumber(input);
    expect(masked).toBe(expected);
    expect(masked).toHaveLength(input.length);
  });
});
