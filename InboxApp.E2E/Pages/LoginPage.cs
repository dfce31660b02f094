using System.Text.RegularExpressions;

namespace InboxApp.E2E.Pages;

/// <summary>The sign-in page (<c>/login</c>): a static form for password sign-in and the "email me a code" flow.</summary>
public sealed class LoginPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to InboxApp" });

    public ILocator Error => page.Locator(".login-card").GetByRole(AriaRole.Alert);

    public async Task GotoAsync()
    {
        await page.GotoAsync("/login");
        await Expect(Heading).ToBeVisibleAsync();
    }

    public async Task ExpectShownAsync()
    {
        await Expect(page).ToHaveURLAsync(new Regex(@"/login(\?|$)"));
        await Expect(Heading).ToBeVisibleAsync();
    }

    /// <summary>Fills email and password and submits; the browser follows the redirect (home, or the return address).</summary>
    public async Task SignInAsync(string email, string password)
    {
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }

    /// <summary>Opens "Forgot your password? Email me a code", asks for a code and waits for the code step.</summary>
    public async Task RequestCodeAsync(string email)
    {
        await page.GetByText("Forgot your password? Email me a code").ClickAsync();
        await page.Locator("#code-email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Email me a code" }).ClickAsync();
        await Expect(page.GetByLabel("Code")).ToBeVisibleAsync();
    }

    public async Task EnterCodeAsync(string code)
    {
        await page.GetByLabel("Code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with code" }).ClickAsync();
    }
}
