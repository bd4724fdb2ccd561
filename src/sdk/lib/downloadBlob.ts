/** Saves a blob as a file through a temporary link: the one way a page can hand the shopper a download. */

/** Offers `blob` for download as `fileName`; the object URL is released once the click has been handled. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
