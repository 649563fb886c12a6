import { describe, expect, it } from "vitest";
import { describeLogo, LOGO_DATA_URL, LOGO_MAX_BYTES, logoDataUrl, logoFromUpload } from "./logo";

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 1)]);

describe("logoDataUrl", () => {
  it("turns a PNG into a data: URL the branding accepts", () => {
    const result = logoDataUrl(png);
    expect(result).toEqual({ dataUrl: `data:image/png;base64,${png.toString("base64")}` });
    expect(LOGO_DATA_URL.test((result as { dataUrl: string }).dataUrl)).toBe(true);
    expect(describeLogo((result as { dataUrl: string }).dataUrl)).toBe("image/png, 40 bytes");
  });

  it("refuses SVG, text, empty and oversized files", () => {
    expect(logoDataUrl(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toHaveProperty("problem");
    expect(logoDataUrl(Buffer.alloc(0))).toEqual({ problem: "the file is empty" });
    expect(logoDataUrl(Buffer.concat([png, Buffer.alloc(LOGO_MAX_BYTES)]))).toHaveProperty("problem");
  });
});

describe("logoFromUpload", () => {
  it("checks the bytes, not the type the browser claimed", () => {
    expect(logoFromUpload(`data:image/gif;base64,${png.toString("base64")}`)).toEqual({ dataUrl: `data:image/png;base64,${png.toString("base64")}` });
    expect(logoFromUpload(`data:image/png;base64,${Buffer.from("plain text").toString("base64")}`)).toEqual({
      problem: "must be a PNG, JPEG, GIF or WebP image",
    });
    expect(logoFromUpload(`data:image/png;base64,${Buffer.concat([png, Buffer.alloc(LOGO_MAX_BYTES)]).toString("base64")}`)).toEqual({
      problem: "the file is over 64 KB",
    });
    expect(logoFromUpload("https://cdn.example/logo.png")).toHaveProperty("problem");
  });
});
