/**
 * A HID device in our own words (convention 3): 64-byte reports out and in, nothing of node-hid's API.
 * The report-id byte node-hid needs on write is the adapter's business (yubikey-hid.md §1.3).
 */
export const REPORT_SIZE = 64;

export interface HidDevice {
  /** Writes one 64-byte report. Rejects when the device is gone. */
  write(report: Uint8Array): Promise<void>;
  /** Reads one 64-byte report, or undefined when nothing came within `timeoutMs`. Rejects when the device is gone. */
  read(timeoutMs: number): Promise<Uint8Array | undefined>;
  close(): Promise<void>;
}
