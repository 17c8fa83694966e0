import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { LanguageContext, messages, translate, unitName, useT } from "./i18n";
import { enMore, zhMore } from "./messagesMore";

function Greeting() {
  const t = useT();
  return <p>{t("orderPlaced", { number: "SO1" })}</p>;
}

describe("messages", () => {
  it("has every key in both languages", () => {
    expect(Object.keys(messages.en).sort()).toEqual(Object.keys(messages["zh-Hans"]).sort());
  });

  it("adds the later pages' messages, in both languages, once their module is loaded", () => {
    expect(Object.keys(enMore).sort()).toEqual(Object.keys(zhMore).sort());
    expect(translate("en", "addresses")).toBe("Addresses");
    expect(translate("zh-Hans", "confirmReceipt", { number: "SH1" })).toBe("确认收货 SH1");
  });

  it("fills parameters and shows an unknown key as itself", () => {
    expect(translate("en", "fix", { n: 12 })).toBe("Change to 12");
    expect(translate("zh-Hans", "NEW_STATUS" as never)).toBe("NEW_STATUS");
  });

  it("names units in each language, and an unknown unit as itself", () => {
    expect(unitName("zh-Hans", "CASE")).toBe("箱");
    expect(unitName("en", "CASE")).toBe("case");
    expect(unitName("zh-Hans", "KG")).toBe("千克");
    expect(unitName("en", "BARREL" as never)).toBe("BARREL");
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
