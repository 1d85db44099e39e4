export interface RgbaImage {
  width: number;
  height: number;
  rgba: Buffer;
}
export function decodePng(png: Buffer): RgbaImage;
export function encodePng(image: RgbaImage): Buffer;
export function optimisePng(png: Buffer): Buffer;
export function chunk(type: string, body: Buffer): Buffer;
export function readmePng(png: Buffer): Buffer;
