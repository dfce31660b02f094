using InboxApp.Core.Identity;
using InboxApp.E2E.Infrastructure;
using InboxApp.E2E.Pages;
using Xunit.Abstractions;

namespace InboxApp.E2E.Shell;

/// <summary>
/// Text stays readable (WCAG AA: 4.5:1, 3:1 for large text) in both themes where people read most: the inbox's list and
/// thread, and the status chips of the settings pages. Measured in the browser from the computed colours, each text's
/// background composed from its ancestors. The UI review of 2026-12-05 found incoming bubbles white under light text in
/// the dark theme (about 1.2:1: the stylesheet still used Radzen's variables), the list's secondary text at 3.1:1 in the
/// dark theme, and white on Mud's default success, info and warning chips at 2.2:1 to 3.1:1.
/// </summary>
[Collection(SharedServer.Third)]
public sealed class ContrastTests(InboxServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    protected override bool WorkspaceOfItsOwn => true;

    /// <summary>Every visible text under <c>root</c> below its WCAG AA ratio, as "ratio 'text' color on background".</summary>
    private const string LowContrastScript = """
        root => {
          const parse = c => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null; const v = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number); return { r: v[0], g: v[1], b: v[2], a: v.length > 3 ? v[3] : 1 }; };
          const lum = c => { const f = x => { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
          const page = parse(getComputedStyle(document.body).backgroundColor);
          const background = el => {
            const layers = [];
            for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor); if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; } }
            let base = layers.length && layers[layers.length - 1].a >= 1 ? layers.pop() : page;
            for (const l of layers.reverse()) base = { r: l.r * l.a + base.r * (1 - l.a), g: l.g * l.a + base.g * (1 - l.a), b: l.b * l.a + base.b * (1 - l.a) };
            return base;
          };
          const low = [];
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          for (let t; (t = walker.nextNode());) {
            const text = t.textContent.trim(); const el = t.parentElement;
            if (!text || !el || el.closest('[disabled], .mud-disabled, [aria-disabled=true], [aria-hidden=true], .visually-hidden')) continue;
            const box = el.getBoundingClientRect(); const s = getComputedStyle(el);
            if (box.width === 0 || box.height === 0 || s.visibility === 'hidden' || parseFloat(s.opacity) === 0) continue;
            const fg = parse(s.color); const bg = background(el);
            const f = { r: fg.r * fg.a + bg.r * (1 - fg.a), g: fg.g * fg.a + bg.g * (1 - fg.a), b: fg.b * fg.a + bg.b * (1 - fg.a) };
            const [l1, l2] = [lum(f), lum(bg)]; const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
            const large = parseFloat(s.fontSize) >= 24 || (parseFloat(s.fontSize) >= 18.66 && parseInt(s.fontWeight) >= 700);
            if (ratio < (large ? 3 : 4.5)) low.push(`${ratio.toFixed(2)} '${text.slice(0, 40)}' ${s.color} on rgb(${Math.round(bg.r)}, ${Math.round(bg.g)}, ${Math.round(bg.b)})`);
          }
          return low;
        }
        """;

    private async Task<IReadOnlyList<string>> LowContrastAsync(string selector) =>
        await Page.Locator(selector).First.EvaluateAsync<string[]>(LowContrastScript);

    /// <summary>Sets the theme cookie after signing in (a saved sign-in brings back the cookies it was saved with).</summary>
    private Task UseThemeAsync(string theme) =>
        Page.Context.AddCookiesAsync([new Cookie { Name = "inbox.theme", Value = theme, Url = Server.BaseUrl }]);

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task The_inbox_list_and_an_open_thread_are_readable(string theme)
    {
        await Seed.CustomerWritesAsync($"Cora Contrast {theme}", "Can you read this message?");
        await SignInAsAsync(UserRole.AGENT);
        await UseThemeAsync(theme);
        var inbox = new InboxPageObject(Page);
        await inbox.GotoAsync();
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("data-theme", theme);
        await inbox.OpenAsync($"Cora Contrast {theme}");
        await Expect(inbox.Message("Can you read this message?")).ToBeVisibleAsync();
        await ScreenshotAsync($"inbox-{theme}");

        Assert.Empty(await LowContrastAsync(".inbox"));
    }

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task Status_chips_on_the_channels_and_templates_pages_are_readable(string theme)
    {
        await SignInAsAsync(UserRole.ADMIN);
        await UseThemeAsync(theme);
        foreach (var path in new[] { "/settings/channels", "/settings/templates" })
        {
            await Page.GotoAsync(path);
            await Page.WaitForInteractiveAsync();
            await Expect(Page.Locator("html")).ToHaveAttributeAsync("data-theme", theme);
            await Expect(Page.Locator("main .mud-chip").First).ToBeVisibleAsync();
            Assert.Empty(await LowContrastAsync("main"));
        }
    }
}
