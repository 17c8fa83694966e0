import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { LanguageContext, messages, translate, useT } from "./i18n";

function Greeting() {
  const t = useT();
  return <p>{t("orderPlaced", { number: "SO1" })}</p>;
}

describe("messages", () => {
  it("has every key in both languages", () => {
    expect(Object.keys(messages.en).sort()).toEqual(Object.keys(messages["zh-Hans"]).sort());
  });

  it("fills parameters and shows an unknown key as itself", () => {
    expect(translate("en", "fix", { n: 12 })).toBe("Change to 12");
    expect(translate("zh-Hans", "NEW_STATUS" as never)).toBe("NEW_STATUS");
  });

  it("follows the chosen language", () => {
    const { rerender } = render(
      <LanguageContext.Provider value={{ language: "zh-Hans", setLanguage: () => {} }}>
        <Greeting />
      </LanguageContext.Provider>,
    );
    expect(screen.getByText("订单 SO1 已提交")).toBeTruthy();
    rerender(
      <LanguageContext.Provider value={{ language: "en", setLanguage: () => {} }}>
        <Greeting />
      </LanguageContext.Provider>,
    );
    expect(screen.getByText("Order SO1 placed")).toBeTruthy();
  });
});
