using System.Text.RegularExpressions;
using InboxApp.Core.Identity;
using InboxApp.E2E.Infrastructure;
using Xunit.Abstractions;

namespace InboxApp.E2E.Campaigns;

/// <summary>
/// An admin creates a campaign with the wizard (the demo's approved <c>follow_up</c> template on its sandbox number, pasted
/// numbers, a variable, the estimate, send now) and watches it finish on its detail page without reloading: the Hangfire
/// job sends through the sandbox channel, whose delivered and read statuses come back through the webhook pipeline.
/// </summary>
[Collection(SharedServer.Name)]
public sealed partial class CampaignWizardTests(InboxServer server, Chromium chromium, ITestOutputHelper output) : BrowserTest(server, chromium, output)
{
    /// <summary>The job is picked up at Hangfire's poll interval (1 s in the E2E host), then the sandbox answers within seconds; generous for a loaded machine.</summary>
    private static readonly LocatorAssertionsToHaveTextOptions Live = new() { Timeout = 90_000 };

    [Fact]
    public async Task An_admin_creates_a_campaign_with_the_wizard_and_watches_it_reach_every_recipient_live()
    {
        var name = "Spring follow-up " + Random.Shared.Next(1000, 9999);
        var phones = Enumerable.Range(0, 4).Select(i => $"+447700{Random.Shared.Next(100_000, 999_999)}").Distinct().ToList();
        await SignInAsAsync(UserRole.ADMIN, "/campaigns/new");
        await Page.WaitForInteractiveAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "New campaign" })).ToBeVisibleAsync();

        // Step 1: name, number (the demo's sandbox number, the organization's first) and template.
        var step = Page.GetByTestId("wizard-step");
        await Expect(step).ToHaveTextAsync("Step 1 of 4: Name, number and template");
        await Page.GetByLabel("Campaign name").FillAsync(name);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync(new Regex("Choose (the sending number|an approved template)"));
        var number = Page.GetByLabel("Sending number");
        await number.ClickAsync();
        await Page.GetByRole(AriaRole.Option).First.ClickAsync();
        await Page.GetByLabel("Approved template").ChooseAsync("follow_up (en_US, UTILITY)");
        await Expect(Page.GetByRole(AriaRole.Figure, new() { Name = "Template preview" })).ToContainTextAsync("we are following up on your recent conversation");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

        // Step 2: the audience as pasted numbers.
        await Expect(step).ToHaveTextAsync("Step 2 of 4: Audience");
        await Expect(Page.GetByRole(AriaRole.Radio, new() { Name = "Phone numbers" })).ToBeCheckedAsync();
        await Page.GetByLabel("Phone numbers, one per line").FillAsync(string.Join("\n", phones));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

        // Step 3: the template's variable, the same text for everyone, shown in the preview.
        await Expect(step).ToHaveTextAsync("Step 3 of 4: Variables");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await Expect(Page.GetByTestId("wizard-error")).ToContainTextAsync("Say where the values come from");
        await Page.GetByLabel(ValueOfVariable()).FillAsync("friend");
        await Expect(Page.GetByRole(AriaRole.Figure, new() { Name = "Template preview" })).ToContainTextAsync("Hello friend, we are following up");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();

        // Step 4: the estimate for the pasted numbers, then send now.
        await Expect(step).ToHaveTextAsync("Step 4 of 4: Estimate and schedule");
        await Expect(Page.GetByTestId("estimate-total")).ToContainTextAsync($"for {phones.Count} of {phones.Count} recipients (UTILITY)");
        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = "Estimate" }).GetByRole(AriaRole.Table)).ToContainTextAsync("United Kingdom");
        await Page.GetByRole(AriaRole.Radio, new() { Name = "Send now" }).CheckAsync();
        await ScreenshotAsync("campaign-wizard-estimate");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create campaign" }).ClickAsync();

        // The detail page follows the send live: every recipient sent, then delivered (the sandbox's status webhooks).
        await Page.WaitForURLAsync(new Regex(@"/campaigns/[0-9a-f\-]{36}$"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = name })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Progressbar, new() { Name = $"Progress: {phones.Count} of {phones.Count} done" }))
            .ToBeVisibleAsync(new() { Timeout = Live.Timeout });
        await Expect(Page.GetByTestId("campaign-progress")).ToHaveTextAsync($"{phones.Count} of {phones.Count} done");
        // The funnel's cells under its headers: Sent, Delivered, Read, Replied, Failed, Skipped, Unknown, Pending.
        var funnel = Page.GetByRole(AriaRole.Table).Filter(new() { Has = Page.GetByRole(AriaRole.Columnheader, new() { Name = "Delivered" }) }).GetByRole(AriaRole.Cell);
        await Expect(funnel.Nth(0)).ToHaveTextAsync(phones.Count.ToString(), Live); // sent
        await Expect(funnel.Nth(1)).ToHaveTextAsync(phones.Count.ToString(), Live); // delivered (or read)
        await Expect(funnel.Nth(4)).ToHaveTextAsync("0"); // failed
        await Expect(funnel.Nth(7)).ToHaveTextAsync("0"); // pending
        await Expect(Page.GetByText("COMPLETED", new() { Exact = true })).ToBeVisibleAsync();
        await ScreenshotAsync("campaign-completed");
    }

    [GeneratedRegex("^Value of ")]
    private static partial Regex ValueOfVariable();
}
