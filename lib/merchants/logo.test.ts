import { describe, expect, it } from "vitest";
import { describeLogo, LOGO_DATA_URL, LOGO_MAX_BYTES, logoDataUrl } from "./logo";

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
