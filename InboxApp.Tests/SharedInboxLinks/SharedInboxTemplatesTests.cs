using System.Net;
using System.Text.Json;
using Bunit;
using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Core.SharedInboxLinks;
using InboxApp.Core.Templates;
using InboxApp.Features.SharedInboxLinks;
using InboxApp.Tests.Inbox.Components;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Messaging;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace InboxApp.Tests.SharedInboxLinks;

/// <summary>
/// A person with a shared inbox link picks an approved template when the 24-hour window is closed, fills its variables
/// (named and positional; header, body and button URL), sees the preview and sends it through the normal sender, refused
/// with the same errors as the agents' picker (bunit on the link's page and its HTTP prerender, against the shared host).
/// </summary>
[Collection(SharedApp.Second)]
public sealed class SharedInboxTemplatesTests : MudBunitContext
{
    private readonly InboxAppFactory factory;

    public SharedInboxTemplatesTests(NoJobsAppFactory factory)
    {
        this.factory = factory;
        Services.AddFallbackServiceProvider(factory.Services);
    }

    private SharedInboxService Shared => factory.Services.GetRequiredService<SharedInboxService>();

    /// <summary>NAMED: a header, two body variables and a tracking link's end.</summary>
    private static readonly IReadOnlyList<TemplateComponentSpec> Ready =
    [
        new("HEADER", "TEXT", "Ready at {{store}}", new TemplateExample(HeaderTextNamedParams: [new("store", "Porto")])),
        new("BODY", Text: "Hi {{first_name}}, your order {{order_id}} is ready.",
            Example: new TemplateExample(BodyTextNamedParams: [new("first_name", "Ana"), new("order_id", "A-1")])),
        new("BUTTONS", Buttons: [new TemplateButton("URL", "Track", Url: "https://shop.example/track/{{1}}",
            Example: JsonDocument.Parse("[\"https://shop.example/track/A-1\"]").RootElement.Clone())]),
    ];

    /// <summary>POSITIONAL: body {{1}} and {{2}}.</summary>
    private static readonly IReadOnlyList<TemplateComponentSpec> Shipped =
    [
        new("BODY", Text: "Hi {{1}}, parcel {{2}} left our warehouse.", Example: new TemplateExample(BodyText: [["Ana", "P-1"]])),
    ];

    private sealed record Setup(SignedIn Admin, Guid AccountId, Guid Number, Guid Conversation);

    /// <summary>A Cloud API number whose customer last wrote 30 hours ago (the window is closed).</summary>
    private async Task<Setup> SetupAsync()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (accountId, number, metaId) = await factory.SeedNumberAsync(admin.OrganizationId);
        var (conversation, _, _) = await factory.InboundTextAsync(metaId, MessagingTestData.NewWaId(), at: DateTimeOffset.UtcNow.AddHours(-30));
        return new Setup(admin, accountId, number, conversation);
    }

    private async Task AddTemplateAsync(Guid organizationId, Guid accountId, string name, IReadOnlyList<TemplateComponentSpec> components,
        TemplateParameterFormat format, TemplateStatus status = TemplateStatus.APPROVED, string language = "en_US")
    {
        await using var db = factory.Services.GetRequiredService<Core.Data.InboxDb>().For(organizationId);
        db.Add(new MessageTemplate
        {
            AccountId = accountId, Name = name, Language = language, Category = TemplateCategory.UTILITY, Status = status, ParameterFormat = format,
            ComponentsJson = TemplateJson.Serialize(components), MetaTemplateId = status == TemplateStatus.APPROVED ? "9" + Random.Shared.Next(100_000, 999_999) : null,
            CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
    }

    private static readonly object TemplatesOnly = new { readInbox = true, readDetails = true, sendTemplates = true };

    private static Task TypeAsync(IRenderedComponent<SharedInboxPage> page, string label, string value) =>
        page.FindAll("input").Single(i => i.ParentElement!.ParentElement!.TextContent.Contains(label, StringComparison.Ordinal))
            .InputAsync(new ChangeEventArgs { Value = value });

    [Fact]
    public async Task With_the_window_closed_a_link_fills_a_named_templates_variables_previews_and_sends_it()
    {
        var s = await SetupAsync();
        await AddTemplateAsync(s.Admin.OrganizationId, s.AccountId, "order_ready", Ready, TemplateParameterFormat.NAMED);
        await AddTemplateAsync(s.Admin.OrganizationId, s.AccountId, "draft_only", Ready, TemplateParameterFormat.NAMED, TemplateStatus.DRAFT);
        var other = await SetupAsync();
        await AddTemplateAsync(other.Admin.OrganizationId, other.AccountId, "other_org_template", Shipped, TemplateParameterFormat.POSITIONAL);
        var link = await s.Admin.Client.CreateLinkAsync(s.Number, TemplatesOnly);

        // The page over HTTP (prerendered): the closed window says to send a template, and the picker offers only the approved one.
        var html = await (await factory.CreateClient().GetAsync($"{link.Path}/{s.Conversation}")).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"composer-closed\"", html);
        Assert.Contains("aria-label=\"Send a template\"", html);
        Assert.Contains("data-testid=\"template-preview\"", html); // the only approved template, chosen, with its examples
        Assert.Contains("Ready at Porto", html);

        var page = Render<SharedInboxPage>(p => p.Add(c => c.Token, link.Token).Add(c => c.ConversationId, s.Conversation));
        page.WaitForElement("[data-testid=template-preview]", TimeSpan.FromSeconds(15));
        Assert.Empty(page.FindAll("textarea")); // no free-form text outside the window (and this link may send templates only)
        var send = () => page.FindAll("button").Single(b => b.TextContent.Contains("Send template"));
        Assert.True(send().HasAttribute("disabled"));

        await TypeAsync(page, "Header {{store}}", "Lisbon");
        await TypeAsync(page, "Body {{first_name}}", "Rita");
        await TypeAsync(page, "Body {{order_id}}", "B-77");
        Assert.True(send().HasAttribute("disabled")); // the link's end is still missing
        Assert.Contains("Fill in End of the link of \"Track\" to send", page.Markup.Replace("&quot;", "\""));
        await TypeAsync(page, "End of the link of", "B-77");
        page.WaitForAssertion(() =>
        {
            Assert.Equal("Ready at Lisbon", page.Find("[data-testid=preview-header]").TextContent);
            Assert.Equal("Hi Rita, your order B-77 is ready.", page.Find("[data-testid=preview-body]").TextContent);
        }, TimeSpan.FromSeconds(10));
        await send().ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("Template order_ready sent", Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(b => b.Message)),
            TimeSpan.FromSeconds(15));

        // Sent through the normal sender, as the link, rendered as the customer sees it.
        await using var db = factory.SystemDb();
        var message = await db.Messages.SingleAsync(m => m.ConversationId == s.Conversation && m.Direction == Core.Conversations.MessageDirection.OUTBOUND);
        Assert.Equal(link.Id, message.SentByLinkId);
        Assert.Null(message.SentById);
        Assert.Equal(Core.Messaging.MessageType.TEMPLATE, message.Type);
        Assert.Equal("*Ready at Lisbon*\n\nHi Rita, your order B-77 is ready.\n\n▸ Track", message.Text);
        Assert.Equal("message.sent", (await db.Set<SharedInboxLinkActivity>().SingleAsync(a => a.LinkId == link.Id)).Action);
    }

    [Fact]
    public async Task A_links_template_is_refused_with_the_same_errors_as_the_agents_picker()
    {
        var s = await SetupAsync();
        await AddTemplateAsync(s.Admin.OrganizationId, s.AccountId, "order_ready", Ready, TemplateParameterFormat.NAMED);
        await AddTemplateAsync(s.Admin.OrganizationId, s.AccountId, "parcel_shipped", Shipped, TemplateParameterFormat.POSITIONAL);
        await AddTemplateAsync(s.Admin.OrganizationId, s.AccountId, "parcel_shipped", Shipped, TemplateParameterFormat.POSITIONAL, language: "pt_PT");
        var link = await s.Admin.Client.CreateLinkAsync(s.Number, TemplatesOnly);
        var admin = new Actor(s.Admin.UserId, s.Admin.OrganizationId, UserRole.ADMIN);
        var templates = factory.Services.GetRequiredService<TemplateService>();

        // The picker's list: approved templates of the number's account, by language or search.
        Assert.Equal(["order_ready/en_US", "parcel_shipped/en_US", "parcel_shipped/pt_PT"], (await Shared.TemplatesAsync(link.Token)).Select(t => $"{t.Name}/{t.Language}"));
        Assert.Equal(["parcel_shipped/pt_PT"], (await Shared.TemplatesAsync(link.Token, "pt_PT")).Select(t => $"{t.Name}/{t.Language}"));
        Assert.Equal(["parcel_shipped", "parcel_shipped"], (await Shared.TemplatesAsync(link.Token, search: "warehouse")).Select(t => t.Name));
        var ready = (await Shared.TemplatesAsync(link.Token, search: "order_ready")).Single();
        Assert.Equal(["header.store", "body.first_name", "body.order_id", "button.0"], ready.Variables.Select(v => v.Key));

        async Task SameRefusalAsync(string name, string language, Dictionary<string, string?> values, params string[] fields)
        {
            var byLink = await Assert.ThrowsAsync<InboxException>(() => Shared.SendTemplateAsync(link.Token, s.Conversation, name, language, values));
            var byAgent = await Assert.ThrowsAsync<InboxException>(() => templates.SendAsync(admin, name, s.Conversation, language, values));
            Assert.Equal(400, byLink.StatusCode);
            Assert.Equal(byAgent.Code, byLink.Code);
            Assert.Equal(byAgent.Details!.OrderBy(d => d.Key).Select(d => $"{d.Key}: {string.Join(" ", d.Value)}"),
                byLink.Details!.OrderBy(d => d.Key).Select(d => $"{d.Key}: {string.Join(" ", d.Value)}"));
            Assert.Equal(fields.Order(), byLink.Details!.Keys.Order());
        }
        await SameRefusalAsync("order_ready", "en_US", new() { ["body.first_name"] = "Rita" }, "parameters.header.store", "parameters.body.order_id", "parameters.button.0");
        await SameRefusalAsync("order_ready", "en_US", new() { ["header.store"] = "L", ["body.first_name"] = "R", ["body.order_id"] = "1", ["button.0"] = "1", ["body.coupon"] = "X" },
            "parameters.body.coupon");
        await SameRefusalAsync("parcel_shipped", "pt_PT", new() { ["body.1"] = "Rita" }, "parameters.body.2");

        // Positional, complete: sent as the link.
        var sent = await Shared.SendTemplateAsync(link.Token, s.Conversation, "parcel_shipped", "pt_PT", new Dictionary<string, string?> { ["1"] = "Rita", ["body.2"] = "P-9" });
        Assert.Equal(link.Id, sent.SentByLinkId);
        Assert.Equal("Hi Rita, parcel P-9 left our warehouse.", sent.Text);

        // A link without the permission gets no templates and is refused; nor can it send an unknown or unapproved template.
        var textOnly = await s.Admin.Client.CreateLinkAsync(s.Number, new { readInbox = true, sendText = true });
        Assert.Empty(await Shared.TemplatesAsync(textOnly.Token));
        var refused = await Assert.ThrowsAsync<InboxException>(() => Shared.SendTemplateAsync(textOnly.Token, s.Conversation, "parcel_shipped", "pt_PT",
            new Dictionary<string, string?> { ["body.1"] = "R", ["body.2"] = "P" }));
        Assert.Equal((403, SharedLinkErrors.NotPermitted), (refused.StatusCode, refused.Code));
        var html = await (await factory.CreateClient().GetAsync($"{textOnly.Path}/{s.Conversation}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Send a template", html);
        Assert.Equal(404, (await Assert.ThrowsAsync<InboxException>(() => Shared.SendTemplateAsync(link.Token, s.Conversation, "no_such_template", "en_US"))).StatusCode);
    }
}
