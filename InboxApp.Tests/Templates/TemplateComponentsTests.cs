using Bunit;
using InboxApp.Core.Identity;
using InboxApp.Core.Templates;
using InboxApp.Features.Templates;
using InboxApp.Tests.Inbox.Components;
using InboxApp.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Tests.Templates;

/// <summary>The preview, the variables form and the composer's template picker (bunit, against the real app).</summary>
[Collection(SharedApp.Second)]
public sealed class TemplateComponentsTests(NoJobsAppFactory factory) : InboxComponentTest(factory)
{
    private static readonly IReadOnlyList<TemplateComponentSpec> Order =
    [
        new("HEADER", "TEXT", "Order {{1}}", new TemplateExample(HeaderText: ["#1"])),
        new("BODY", Text: "Hi {{1}}, your order {{2}} has shipped today.", Example: new TemplateExample(BodyText: [["Ana", "#1"]])),
        new("FOOTER", Text: "Acme Store"),
        new("BUTTONS", Buttons: [new TemplateButton("QUICK_REPLY", "Thanks"), new TemplateButton("PHONE_NUMBER", "Call us", PhoneNumber: "+15550100")]),
    ];

    [Fact]
    public void The_preview_shows_header_body_footer_and_buttons_as_whatsapp_does()
    {
        var preview = Render<TemplatePreview>(p => p.Add(c => c.Preview, TemplateRenderer.Render(Order, new Dictionary<string, string> { ["body.1"] = "Bo" })));
        Assert.Equal("Order #1", preview.Find("[data-testid=preview-header]").TextContent);
        Assert.Equal("Hi Bo, your order #1 has shipped today.", preview.Find("[data-testid=preview-body]").TextContent);
        Assert.Equal("Acme Store", preview.Find("[data-testid=preview-footer]").TextContent);
        Assert.Equal(["↩ Thanks", "📞 Call us"], preview.FindAll(".template-buttons li").Select(li => li.TextContent.Trim()));
        Assert.Equal("Template preview", preview.Find("figure").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task The_variables_form_reports_each_value_as_it_is_typed()
    {
        Dictionary<string, string>? reported = null;
        var values = new Dictionary<string, string>();
        var form = Render<TemplateVariablesForm>(p => p
            .Add(c => c.Variables, TemplateRenderer.Variables(Order))
            .Add(c => c.Values, values)
            .Add(c => c.ValuesChanged, EventCallback.Factory.Create<Dictionary<string, string>>(this, v => reported = v)));
        var inputs = form.FindAll("input");
        Assert.Equal(3, inputs.Count); // header {{1}}, body {{1}}, body {{2}}
        await form.FindAll("input")[1].InputAsync(new ChangeEventArgs { Value = "Carla" });
        Assert.Equal("Carla", reported!["body.1"]);
        await form.FindAll("input")[1].InputAsync(new ChangeEventArgs { Value = "" });
        Assert.False(reported!.ContainsKey("body.1"));
        Assert.Equal(new Dictionary<string, string> { ["body.first_name"] = "Ana", ["body.phone"] = "+1555" },
            TemplateVariablesForm.Prefill([new("body.first_name", "body", "x", null), new("body.phone", "body", "y", null), new("body.city", "body", "z", null)], "Ana", "+1555"));
    }

    [Fact]
    public async Task The_picker_offers_the_numbers_approved_template_prefilled_from_the_contact_and_sends_it_rendered()
    {
        var (admin, actor, conversation) = await ConversationAsync(customerWroteAt: DateTimeOffset.UtcNow.AddHours(-30));
        Assert.False(conversation.WindowOpen);
        await using (var db = Factory.Services.GetRequiredService<Core.Data.InboxDb>().For(admin.OrganizationId))
        {
            var accountId = await db.PhoneNumbers.Where(p => p.Id == conversation.PhoneNumberId).Select(p => p.AccountId).FirstAsync();
            db.Add(new MessageTemplate
            {
                AccountId = accountId, Name = "order_shipped", Language = "en_US", Category = TemplateCategory.UTILITY, Status = TemplateStatus.APPROVED,
                ComponentsJson = TemplateJson.Serialize(Order), MetaTemplateId = "123", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            });
            db.Add(new MessageTemplate
            {
                AccountId = accountId, Name = "draft_only", Language = "en_US", Category = TemplateCategory.UTILITY, Status = TemplateStatus.DRAFT,
                ComponentsJson = TemplateJson.Serialize(Order), CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }
        var sent = 0;
        var picker = Render<TemplatePicker>(p => p.Add(c => c.Conversation, conversation).Add(c => c.Actor, actor)
            .Add(c => c.OnSent, EventCallback.Factory.Create(this, () => sent++)));
        var name = conversation.Contact.Name ?? conversation.Contact.ProfileName;
        picker.WaitForAssertion(() => Assert.Equal($"Hi {name}, your order #1 has shipped today.", picker.Find("[data-testid=preview-body]").TextContent), TimeSpan.FromSeconds(15));
        Assert.True(picker.FindAll("button").Single(b => b.TextContent.Contains("Send template")).HasAttribute("disabled")); // header {{1}} and body {{2}} are still empty
        await picker.FindAll("input").Single(i => i.ParentElement!.ParentElement!.TextContent.Contains("Header {{1}}")).InputAsync(new ChangeEventArgs { Value = "#77" });
        await picker.FindAll("input").Single(i => i.ParentElement!.ParentElement!.TextContent.Contains("Body {{2}}")).InputAsync(new ChangeEventArgs { Value = "#77" });
        picker.WaitForAssertion(() => Assert.Equal($"Hi {name}, your order #77 has shipped today.", picker.Find("[data-testid=preview-body]").TextContent), TimeSpan.FromSeconds(15));
        await picker.FindAll("button").Single(b => b.TextContent.Contains("Send template")).ClickAsync(new());
        picker.WaitForAssertion(() => Assert.Equal(1, sent), TimeSpan.FromSeconds(15));
        var texts = await SentTextsAsync(admin.OrganizationId, conversation.Id);
        Assert.Equal($"*Order #77*\n\nHi {name}, your order #77 has shipped today.\n\n_Acme Store_\n\n▸ Thanks\n▸ Call us", Assert.Single(texts));
    }

    [Fact]
    public async Task Text_typed_before_the_window_closed_is_kept_and_comes_back_when_it_reopens()
    {
        var (_, actor, conversation) = await ConversationAsync();
        var composer = Render<InboxApp.Features.Inbox.Composer>(p => p.Add(c => c.Conversation, conversation).Add(c => c.Actor, actor));
        await composer.Find("textarea").InputAsync(new ChangeEventArgs { Value = "Let me check with the warehouse" });

        composer.Render(p => p.Add(c => c.Conversation, conversation with { WindowOpen = false }));
        Assert.Contains("Let me check with the warehouse", composer.Find("[data-testid=kept-draft]").TextContent);
        Assert.Empty(composer.FindAll("textarea"));
        Assert.NotNull(composer.Find("[data-testid=template-picker]"));

        composer.Render(p => p.Add(c => c.Conversation, conversation));
        Assert.Equal("Let me check with the warehouse", composer.Find("textarea").GetAttribute("value"));
    }
}
