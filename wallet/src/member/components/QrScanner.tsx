import { useEffect, useRef, useState } from "preact/hooks";

import { t } from "../../i18n/index.js";

type Decoder = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;

/** jsQR is loaded on first use only: most visits never scan, and it would weigh on the first load. */
let decoder: Promise<Decoder> | undefined;
function loadDecoder(): Promise<Decoder> {
  decoder ??= import("jsqr").then((module) => module.default as Decoder);
  return decoder;
}

// A phone photo is often 12 megapixels; a QR code reads as well, and far faster, from a smaller copy.
const MAX_SIDE = 1024;

/** The text of the QR code in an image file, or undefined when the image holds none that can be read. */
export async function decodeQrImage(file: Blob): Promise<string | undefined> {
  const [decode, bitmap] = await Promise.all([loadDecoder(), createImageBitmap(file)]);
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext("2d", { willReadFrequently: true })!;
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return decode(context.getImageData(0, 0, width, height).data, width, height)?.data;
}

/** A picture of a QR code chosen from the phone's files or taken with its camera app. */
export function QrImageInput({
  onText,
  onProblem,
}: {
  onText: (text: string) => void;
  onProblem: (message: string) => void;
}) {
  return (
    <>
      <label for="qr-image">{t("scan.image")}</label>
      <input
        id="qr-image"
        type="file"
        accept="image/*"
        onChange={async (event) => {
          const input = event.currentTarget;
          const file = input.files?.[0];
          if (file === undefined) return;
          try {
            const text = await decodeQrImage(file);
            if (text === undefined) onProblem(t("scan.noCode"));
            else onText(text);
          } catch {
            onProblem(t("scan.notImage"));
          }
          // The same file may be chosen again after the member fixes something else.
          input.value = "";
        }}
      />
    </>
  );
}

/** Whether this browser may offer the camera at all (a secure page with media devices). */
export function cameraAvailable(): boolean {
  return typeof navigator.mediaDevices?.getUserMedia === "function";
}

/**
 * The camera's picture, read for a QR code a few times a second until one is found; the camera stops as soon
 * as the scanner leaves the screen, whatever the reason.
 */
export function CameraScanner({ onText, onClose }: { onText: (text: string) => void; onClose: () => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const canvas = document.createElement("canvas");
    const context = canvas.getContext("2d", { willReadFrequently: true })!;

    async function start() {
      try {
        const [decode, media] = await Promise.all([
          loadDecoder(),
          navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }),
        ]);
        stream = media;
        if (stopped) return stop();
        video.current!.srcObject = media;
        await video.current!.play();
        const scan = () => {
          if (stopped) return;
          const element = video.current!;
          if (element.videoWidth > 0) {
            canvas.width = element.videoWidth;
            canvas.height = element.videoHeight;
            context.drawImage(element, 0, 0);
            const found = decode(
              context.getImageData(0, 0, canvas.width, canvas.height).data,
              canvas.width,
              canvas.height,
            );
            if (found) {
              stop();
              onText(found.data);
              return;
            }
          }
          timer = setTimeout(scan, 200);
        };
        scan();
      } catch {
        if (!stopped) setProblem(t("scan.noCamera"));
      }
    }
    function stop() {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    }
    void start();
    return stop;
  }, []);

  return (
    <div class="card">
      <h2>{t("scan.title")}</h2>
      {problem ? (
        <p role="alert">{problem}</p>
      ) : (
        <video ref={video} class="camera" muted playsInline aria-label={t("scan.video")} />
      )}
      <button type="button" class="secondary" onClick={onClose}>
        {t("scan.stop")}
      </button>
    </div>
  );
}
