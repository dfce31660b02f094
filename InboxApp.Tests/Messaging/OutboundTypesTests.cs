using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Core.Messaging;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Tests.Messaging;

[Collection(GraphBackedApp.Collection)]
public sealed class OutboundTypesTests(GraphBackedApp app)
{
    private InboxAppFactory Factory => app.Factory;
    private FakeGraphApi Graph => app.Graph;

    private async Task<(SignedIn Admin, CloudNumber Number, Guid ConversationId, string WaId)> ConversationAsync(DateTimeOffset? at = null)
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var number = await Factory.SeedCloudNumberAsync(Graph, admin.OrganizationId);
        var waId = MessagingTestData.NewWaId();
        var (conversationId, _, _) = await Factory.InboundTextAsync(number.MetaId, waId, at: at);
        return (admin, number, conversationId, waId);
    }

    private static Task<HttpResponseMessage> PostAsync(SignedIn who, Guid conversationId, object body) =>
        who.Client.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages", body);

    private static object Buttons(params string[] titles) => new
    {
        type = "interactive",
        interactive = new { buttons = new { body = "How was our service?", buttons = titles.Select((t, i) => new { id = $"b{i}", title = t }).ToArray() } },
    };

    private MessageSender Sender => Factory.Services.GetRequiredService<MessageSender>();

    private static Actor AdminOf(SignedIn admin) => new(admin.UserId, admin.OrganizationId, UserRole.ADMIN);

    [Fact]
    public async Task Interactive_buttons_are_sent_in_metas_shape_and_stored_as_interactive()
    {
        var (admin, number, conversationId, waId) = await ConversationAsync();
        var response = await PostAsync(admin, conversationId, Buttons("Great", "Fine", "Bad"));
        await response.ShouldBe(HttpStatusCode.Created);
        var data = await response.Data();
        Assert.Equal("INTERACTIVE", data.GetProperty("type").GetString());
        Assert.Equal("How was our service?", data.GetProperty("text").GetString());
        var payload = JsonNode.Parse(Assert.Single(Graph.Sends(number.MetaId)).Body)!;
        Assert.Equal(waId, payload["to"]!.GetValue<string>());
        Assert.Equal("interactive", payload["type"]!.GetValue<string>());
        Assert.Equal("button", payload["interactive"]!["type"]!.GetValue<string>());
        var buttons = payload["interactive"]!["action"]!["buttons"]!.AsArray();
        Assert.Equal(["Great", "Fine", "Bad"], buttons.Select(b => b!["reply"]!["title"]!.GetValue<string>()));
        Assert.All(buttons, b => Assert.Equal("reply", b!["type"]!.GetValue<string>()));
        Assert.Equal(data.GetProperty("id").GetGuid().ToString(), payload["biz_opaque_callback_data"]!.GetValue<string>());
    }

    [Fact]
    public async Task Lists_locations_and_contacts_are_sent_through_the_same_endpoint()
    {
        var (admin, number, conversationId, _) = await ConversationAsync();
        await (await PostAsync(admin, conversationId, new
        {
            type = "interactive",
            interactive = new { list = new { body = "Choose a time", button = "Times", sections = new[] { new { title = "Tomorrow", rows = new[] { new { id = "t9", title = "9:00", description = "Morning" } } } } } },
        })).ShouldBe(HttpStatusCode.Created);
        var location = await (await PostAsync(admin, conversationId, new { type = "location", location = new { latitude = -23.5505, longitude = -46.6333, name = "Store", address = "Av. Paulista 1000" } })).Data();
        Assert.Equal("LOCATION", location.GetProperty("type").GetString());
        Assert.Equal(-23.5505, location.GetProperty("latitude").GetDouble());
        Assert.Equal("Store", location.GetProperty("locationName").GetString());
        var contacts = await (await PostAsync(admin, conversationId, new
        {
            type = "contacts",
            contacts = new[] { new { name = new { formattedName = "Support Line" }, phones = new[] { new { phone = "+1 555 010 0199", type = "WORK" } } } },
        })).Data();
        Assert.Equal("CONTACTS", contacts.GetProperty("type").GetString());

        var sends = Graph.Sends(number.MetaId).Select(c => JsonNode.Parse(c.Body)!).ToList();
        Assert.Equal(["interactive", "location", "contacts"], sends.Select(p => p["type"]!.GetValue<string>()));
        Assert.Equal("list", sends[0]["interactive"]!["type"]!.GetValue<string>());
        Assert.Equal("t9", sends[0]["interactive"]!["action"]!["sections"]![0]!["rows"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(-46.6333, sends[1]["location"]!["longitude"]!.GetValue<double>());
        Assert.Equal("Support Line", sends[2]["contacts"]![0]!["name"]!["formatted_name"]!.GetValue<string>());
        Assert.Equal("+1 555 010 0199", sends[2]["contacts"]![0]!["phones"]![0]!["phone"]!.GetValue<string>());
    }

    [Fact]
    public async Task Payloads_over_whatsapps_limits_are_refused_with_the_field_and_never_reach_meta()
    {
        var (admin, number, conversationId, _) = await ConversationAsync();
        var four = await (await PostAsync(admin, conversationId, Buttons("A", "B", "C", "D"))).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(four.GetProperty("details").TryGetProperty("interactive.buttons.buttons", out _));
        var longTitle = await (await PostAsync(admin, conversationId, Buttons("This title is too long!"))).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(longTitle.GetProperty("details").TryGetProperty("interactive.buttons.buttons[0].title", out _));
        var lat = await (await PostAsync(admin, conversationId, new { type = "location", location = new { latitude = 123.0, longitude = 0.0 } })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(lat.GetProperty("details").TryGetProperty("location.latitude", out _));
        var missing = await (await PostAsync(admin, conversationId, new { type = "contacts" })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(missing.GetProperty("details").TryGetProperty("contacts", out _));
        var textOnLocation = await (await PostAsync(admin, conversationId, new { type = "location", text = "hi", location = new { latitude = 1.0, longitude = 1.0 } }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(textOnLocation.GetProperty("details").TryGetProperty("text", out _));
        Assert.Empty(Graph.Sends(number.MetaId));
    }

    [Fact]
    public async Task Free_form_types_are_refused_outside_the_window_while_a_template_is_sent()
    {
        var (admin, number, conversationId, _) = await ConversationAsync(at: DateTimeOffset.UtcNow.AddHours(-25));
        await (await PostAsync(admin, conversationId, Buttons("Yes", "No"))).ShouldFail(HttpStatusCode.Conflict, MessagingErrors.WindowClosed);
        await (await PostAsync(admin, conversationId, new { type = "location", location = new { latitude = 1.0, longitude = 2.0 } })).ShouldFail(HttpStatusCode.Conflict, MessagingErrors.WindowClosed);
        var free = await Assert.ThrowsAsync<InboxException>(() => Sender.SendLocationAsync(AdminOf(admin), conversationId, new LocationContent(1, 2), null));
        Assert.Equal(MessagingErrors.WindowClosed, free.Code);
        Assert.Empty(Graph.Sends(number.MetaId));

        var template = await Sender.SendTemplateAsync(AdminOf(admin), conversationId, new TemplateContent("order_update", "en_US",
            [new TemplateComponent("body", [new TemplateParameter("text", Text: "#1234")])]));
        Assert.Equal(MessageType.TEMPLATE, template.Type);
        Assert.Equal(MessageStatus.PENDING, template.Status);
        Assert.StartsWith("wamid.", template.WaMessageId);
        var payload = JsonNode.Parse(Assert.Single(Graph.Sends(number.MetaId)).Body)!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"name":"order_update","language":{"code":"en_US"},"components":[{"type":"body","parameters":[{"type":"text","text":"#1234"}]}]}
            """), payload["template"]));
        await using var db = Factory.SystemDb();
        Assert.Equal("📋 order_update", (await db.Conversations.SingleAsync(c => c.Id == conversationId)).LastMessagePreview);
    }

    [Fact]
    public async Task A_template_error_from_meta_is_kept_and_throughput_errors_are_retried_for_every_type()
    {
        var (admin, number, conversationId, _) = await ConversationAsync();
        Graph.Failures.Enqueue(($"{number.MetaId}/messages", 400, 130429, "(#130429) Rate limit hit"));
        Graph.Failures.Enqueue(($"{number.MetaId}/messages", 400, 130429, "(#130429) Rate limit hit"));
        var buttons = await (await PostAsync(admin, conversationId, Buttons("Yes", "No"))).Data();
        Assert.Equal(3, Graph.Sends(number.MetaId).Count);
        Assert.Equal("PENDING", buttons.GetProperty("status").GetString());
        Assert.StartsWith("wamid.", buttons.GetProperty("waMessageId").GetString());

        Graph.Failures.Enqueue(($"{number.MetaId}/messages", 400, 131049, "(#131049) This message was not delivered to maintain healthy ecosystem engagement."));
        var capped = await Sender.SendTemplateAsync(AdminOf(admin), conversationId, new TemplateContent("spring_sale", "en"));
        Assert.Equal(MessageStatus.FAILED, capped.Status);
        Assert.Equal("131049", capped.Error!.Code);
        // Meta's marketing cap: no retry before 12 hours.
        await (await admin.Client.PostAsync($"/api/v1/messages/{capped.Id}/retry-send", null)).ShouldFail(HttpStatusCode.Conflict, MessagingErrors.RetryTooSoon);
    }

    [Fact]
    public async Task Another_organizations_conversation_is_not_found_for_every_type()
    {
        var (_, number, conversationId, _) = await ConversationAsync();
        var other = await Factory.RegisterOrganizationAsync();
        await (await PostAsync(other, conversationId, Buttons("Yes"))).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await PostAsync(other, conversationId, new { type = "location", location = new { latitude = 1.0, longitude = 2.0 } })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        var e = await Assert.ThrowsAsync<InboxException>(() => Sender.SendTemplateAsync(AdminOf(other), conversationId, new TemplateContent("hello_world", "en_US")));
        Assert.Equal(404, e.StatusCode);
        Assert.Empty(Graph.Sends(number.MetaId));
    }
}
