import { vi, type Mock } from "vitest";

/**
 * The parts of a popup window the widget uses: `closed`, `close()` (which closes it), `focus()`,
 * `location.replace()`, and the empty window's body, to which the loading text is appended.
 */
export interface FakePopup {
  closed: boolean;
  close: Mock<() => void>;
  focus: Mock<() => void>;
  location: { replace: Mock<(url: string) => void> };
  document: { body: { textContent: string; append(text: string): void } };
}

export function fakePopup(): FakePopup {
  const popup: FakePopup = {
    closed: false,
    close: vi.fn(() => {
      popup.closed = true;
    }),
    focus: vi.fn(),
    location: { replace: vi.fn() },
    document: {
      body: {
        textContent: "",
        append(text: string) {
          this.textContent += text;
        },
      },
    },
  };
  return popup;
}
