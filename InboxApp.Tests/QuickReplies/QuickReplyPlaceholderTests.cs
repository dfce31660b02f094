using System.Net;
using System.Net.Http.Json;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Messaging;
using InboxApp.Tests.Users;

namespace InboxApp.Tests.QuickReplies;

/// <summary>Placeholders are checked on save, so a typo never reaches a customer as written.</summary>
[Collection(SharedApp.Second)]
public sealed class QuickReplyPlaceholderTests(NoJobsAppFactory factory)
{
    [Theory]
    [InlineData("Hi {{contact_name}}!", "{{contact_name}}")]
    [InlineData("Hi {{ contact.nmae }}, from {{organization.name}}", "{{ contact.nmae }}")]
    [InlineData("Order {{order.id}} is late", "{{order.id}}")]
    [InlineData("Hi {{}}", "{{}}")]
    public async Task A_quick_reply_with_an_unknown_placeholder_is_refused_naming_it_and_the_known_ones(string text, string named)
    {
        var admin = await factory.RegisterOrganizationAsync();
        var error = await (await admin.Client.PostAsJsonAsync("/api/v1/quick-replies", new { shortcut = "typo", title = "Typo", text }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var message = error.GetProperty("details").GetProperty("text")[0].GetString()!;
        Assert.Contains(named, message);
        Assert.Contains("{{contact.name}}, {{contact.phone}}, {{agent.name}}, {{organization.name}}", message);
        Assert.Empty((await (await admin.Client.GetAsync("/api/v1/quick-replies/all")).Data()).EnumerateArray());
    }

    [Fact]
    public async Task An_unclosed_placeholder_is_refused()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var error = await (await admin.Client.PostAsJsonAsync("/api/v1/quick-replies", new { shortcut = "open", title = "Open", text = "Hi {{contact.name" }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Contains("not closed", error.GetProperty("details").GetProperty("text")[0].GetString());
    }

    [Fact]
    public async Task Known_placeholders_in_any_spacing_and_case_are_saved_and_a_change_to_a_typo_is_refused()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var reply = await admin.Client.CreateQuickReplyAsync("all", "{{contact.name}} {{ Contact.Phone }} {{AGENT.NAME}} {{organization.name}} {single} braces");
        Assert.Equal("{{contact.name}} {{ Contact.Phone }} {{AGENT.NAME}} {{organization.name}} {single} braces", reply.Str("text"));

        var url = $"/api/v1/quick-replies/{reply.Id()}";
        (await (await admin.Client.PatchAsJsonAsync(url, new { text = "Bye {{agent.nam}}" })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR"))
            .GetProperty("details").GetProperty("text");
        var key = await factory.ApiKeyClientAsync(admin);
        await (await key.PatchAsJsonAsync(url, new { text = "Bye {{contact_name}}" })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var all = await (await admin.Client.GetAsync("/api/v1/quick-replies/all")).Data();
        Assert.Equal(reply.Str("text"), Assert.Single(all.EnumerateArray()).Str("text"));
    }
}
