using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using InboxApp.Core.Templates;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Messaging;
using InboxApp.Tests.QuickReplies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static InboxApp.Tests.Infrastructure.WhatsAppPayloads;

namespace InboxApp.Tests.Templates;

/// <summary>The app pointed at the fake Graph API, with a platform Meta app id (for the resumable upload).</summary>
public sealed class TemplatesGraphApp : IAsyncLifetime
{
    public FakeGraphApi Graph { get; private set; } = null!;
    public InboxAppFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Graph = await FakeGraphApi.StartAsync();
        Factory = new InboxAppFactory()
            .With("WhatsApp:GraphApiBaseUrl", Graph.BaseUrl)
            .With("WhatsApp:AppId", Graph.AppId)
            .With("Events:RetryBaseDelay", "00:00:00.050");
        _ = Factory.Server;
    }

    public async Task DisposeAsync()
    {
        Factory.Dispose();
        await Graph.DisposeAsync();
    }
}

/// <summary>Templates of Cloud API accounts against the fake Graph API: Meta's endpoints, shapes, errors and webhooks.</summary>
public sealed class TemplatesGraphTests(TemplatesGraphApp app) : IClassFixture<TemplatesGraphApp>
{
    private InboxAppFactory Factory => app.Factory;
    private FakeGraphApi Graph => app.Graph;

    private async Task<(SignedIn Admin, CloudNumber Number, string WabaId)> CloudAsync()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var number = await Factory.SeedCloudNumberAsync(Graph, admin.OrganizationId);
        var waba = Graph.Phones[number.MetaId].WabaId;
        return (admin, number, waba);
    }

    [Fact]
    public async Task Creating_a_template_posts_metas_shape_to_the_waba_and_keeps_metas_id_and_status()
    {
        var (admin, number, waba) = await CloudAsync();
        var name = TemplateTestKit.NewName();
        var response = await admin.Client.PostAsJsonAsync("/api/v1/templates", new
        {
            name, language = "en_US", category = "UTILITY", phoneNumberId = number.Id, components = TemplateTestKit.OrderComponents(),
        });
        await response.ShouldBe(HttpStatusCode.Created);
        var created = await response.Data();
        Assert.Equal("PENDING", created.GetProperty("status").GetString());
        var call = Assert.Single(Graph.CallsTo($"{waba}/message_templates"), c => c.Method == "POST");
        Assert.Equal(number.Token, call.Token);
        var body = JsonNode.Parse(call.Body)!;
        Assert.Equal(name, body["name"]!.GetValue<string>());
        Assert.Equal("UTILITY", body["category"]!.GetValue<string>());
        Assert.Equal("BODY", body["components"]![1]!["type"]!.GetValue<string>());
        Assert.Equal("#1234", body["components"]![1]!["example"]!["body_text"]![0]![1]!.GetValue<string>());
        Assert.Equal("https://acme.test/t/abc", body["components"]![3]!["buttons"]![1]!["example"]![0]!.GetValue<string>());
        var state = Assert.Single(Graph.TemplatesOf(waba));
        Assert.Equal(state.Id, created.GetProperty("metaTemplateId").GetString());

        // Meta refuses the same name and language again: its message comes back, nothing is stored.
        await admin.Client.DeleteAsync($"/api/v1/templates/{created.GetProperty("id").GetGuid()}");
        var again = await admin.Client.PostAsJsonAsync("/api/v1/templates", new { name, language = "en_US", category = "UTILITY", components = TemplateTestKit.OrderComponents() });
        var error = await again.ShouldFail(HttpStatusCode.BadRequest, "META_ERROR");
        Assert.Contains("already exists", error.GetProperty("message").GetString());
        Assert.Contains("subcode 2388024", error.GetProperty("details").GetProperty("meta").EnumerateArray().Select(x => x.GetString()));
    }

    [Fact]
    public async Task Status_quality_and_category_webhooks_update_the_template_at_once_and_alert_the_admins()
    {
        var (admin, number, waba) = await CloudAsync();
        var name = TemplateTestKit.NewName();
        var created = await (await admin.Client.PostAsJsonAsync("/api/v1/templates", new { name, language = "en_US", category = "UTILITY", components = TemplateTestKit.OrderComponents() })).Data();
        var id = created.GetProperty("id").GetGuid();
        var metaId = long.Parse(created.GetProperty("metaTemplateId").GetString()!);

        await WebhookAsync(waba, "message_template_status_update", new JsonObject
        {
            ["event"] = "APPROVED", ["message_template_id"] = metaId, ["message_template_name"] = name, ["message_template_language"] = "en_US", ["reason"] = "NONE",
        });
        await admin.Client.WaitForStatusAsync(id, "APPROVED");
        await WebhookAsync(waba, "message_template_quality_update", new JsonObject
        {
            ["previous_quality_score"] = "GREEN", ["new_quality_score"] = "RED", ["message_template_id"] = metaId, ["message_template_name"] = name, ["message_template_language"] = "en_US",
        });
        await WebhookAsync(waba, "template_category_update", new JsonObject
        {
            ["message_template_id"] = metaId, ["message_template_name"] = name, ["message_template_language"] = "en_US", ["previous_category"] = "UTILITY", ["new_category"] = "MARKETING",
        });
        await WebhookAsync(waba, "message_template_status_update", new JsonObject
        {
            ["event"] = "PAUSED", ["message_template_id"] = metaId, ["message_template_name"] = name, ["message_template_language"] = "en_US", ["reason"] = "LOW_QUALITY",
        });
        var template = await admin.Client.WaitForStatusAsync(id, "PAUSED");
        Assert.Equal("RED", template.GetProperty("qualityScore").GetString());
        Assert.Equal("MARKETING", template.GetProperty("category").GetString());
        Assert.Equal("LOW_QUALITY", template.GetProperty("reason").GetString());

        var alerts = await (await admin.Client.GetAsync("/api/v1/whatsapp-accounts/alerts?kind=TEMPLATE")).Data();
        var titles = alerts.EnumerateArray().Select(a => a.GetProperty("title").GetString()!).ToList();
        Assert.Contains(titles, t => t.Contains("quality red"));
        Assert.Contains(titles, t => t.Contains("paused"));
        _ = number;
    }

    [Fact]
    public async Task Sync_follows_metas_paging_adds_updates_and_removes_templates()
    {
        var (admin, _, waba) = await CloudAsync();
        var kept = TemplateTestKit.NewName();
        var keptId = (await (await admin.Client.PostAsJsonAsync("/api/v1/templates", new { name = kept, language = "en_US", category = "UTILITY", components = TemplateTestKit.OrderComponents() })).Data())
            .GetProperty("id").GetGuid();
        var gone = TemplateTestKit.NewName();
        var goneId = (await (await admin.Client.PostAsJsonAsync("/api/v1/templates", new { name = gone, language = "en_US", category = "UTILITY", components = TemplateTestKit.OrderComponents() })).Data())
            .GetProperty("id").GetGuid();
        // In WhatsApp Manager: five templates made there, ours approved, one of ours deleted.
        for (var i = 0; i < 5; i++)
        {
            var id = Random.Shared.NextInt64(1_000_000_000_000_000, 9_999_999_999_999_999).ToString();
            Graph.Templates[id] = new FakeGraphApi.TemplateState(id, waba, $"manager_made_{i}", "pt_BR", "MARKETING",
                JsonNode.Parse("""[{"type":"BODY","text":"Olá {{1}}, temos novidades para você!","example":{"body_text":[["Ana"]]}}]""")!.AsArray()) { Status = "APPROVED", Quality = "GREEN" };
        }
        Graph.TemplatesOf(waba).Single(t => t.Name == kept).Status = "APPROVED";
        var doomed = Graph.TemplatesOf(waba).Single(t => t.Name == gone);
        Graph.Templates.TryRemove(doomed.Id, out _);
        Graph.TemplatePageSize = 2;

        var sync = await admin.Client.PostAsync("/api/v1/templates/sync", null);
        await sync.ShouldBe(HttpStatusCode.OK);
        var result = await sync.Data();
        Assert.Equal(5, result.GetProperty("created").GetInt32());
        Assert.Equal(1, result.GetProperty("updated").GetInt32());
        Assert.Equal(1, result.GetProperty("removed").GetInt32());
        Assert.True(Graph.CallsTo($"{waba}/message_templates").Count(c => c.Method == "GET") >= 3);
        Assert.Equal("APPROVED", (await (await admin.Client.GetAsync($"/api/v1/templates/{keptId}")).Data()).GetProperty("status").GetString());
        Assert.Equal("REMOVED", (await (await admin.Client.GetAsync($"/api/v1/templates/{goneId}")).Data()).GetProperty("status").GetString());
        var made = await (await admin.Client.GetAsync("/api/v1/templates?language=pt_BR&status=APPROVED")).Data();
        Assert.Equal(5, made.GetArrayLength());
        Assert.Equal("GREEN", made[0].GetProperty("qualityScore").GetString());

        var second = await (await admin.Client.PostAsync("/api/v1/templates/sync", null)).Data();
        Assert.Equal(0, second.GetProperty("created").GetInt32() + second.GetProperty("updated").GetInt32() + second.GetProperty("removed").GetInt32());
    }

    [Fact]
    public async Task Edit_in_meta_sends_the_new_components_and_delete_in_meta_removes_every_language_of_the_name()
    {
        var (admin, _, waba) = await CloudAsync();
        var name = TemplateTestKit.NewName();
        var english = await (await admin.Client.PostAsJsonAsync("/api/v1/templates", new { name, language = "en_US", category = "UTILITY", components = TemplateTestKit.OrderComponents() })).Data();
        var spanish = await (await admin.Client.PostAsJsonAsync("/api/v1/templates", new { name, language = "es", category = "UTILITY", components = TemplateTestKit.OrderComponents("Hola {{1}}, tu pedido {{2}} ya salió. ¡Gracias por tu compra!") })).Data();
        var id = english.GetProperty("id").GetGuid();
        await (await admin.Client.PutAsJsonAsync($"/api/v1/templates/{id}", new { components = TemplateTestKit.OrderComponents() })).ShouldFail(HttpStatusCode.Conflict, "TEMPLATE_WRONG_STATUS");
        await admin.Client.PostAsync("/api/v1/templates/sync", null);
        foreach (var t in Graph.TemplatesOf(waba)) t.Status = "APPROVED";
        await admin.Client.PostAsync("/api/v1/templates/sync", null);

        await (await admin.Client.PutAsJsonAsync($"/api/v1/templates/{id}", new { name = "other_name", components = TemplateTestKit.OrderComponents() }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var edited = await admin.Client.PutAsJsonAsync($"/api/v1/templates/{id}", new
        {
            components = TemplateTestKit.OrderComponents("Hello {{1}}, your order {{2}} is on its way. Thank you!"),
        });
        await edited.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("PENDING", (await edited.Data()).GetProperty("status").GetString());
        var call = Graph.Calls.Last(c => c.Method == "POST" && c.Path.Contains(english.GetProperty("metaTemplateId").GetString()!));
        Assert.Contains("is on its way", call.Body);
        Assert.Contains("is on its way", Graph.Templates[english.GetProperty("metaTemplateId").GetString()!].Components.ToJsonString());

        var deleted = await admin.Client.DeleteAsync($"/api/v1/templates/{id}/meta");
        await deleted.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(2, (await deleted.Data()).GetProperty("removed").GetInt32());
        Assert.Contains(Graph.Calls, c => c.Method == "DELETE" && c.Path.Contains($"message_templates?name={name}"));
        Assert.Empty(Graph.TemplatesOf(waba));
        Assert.Equal("REMOVED", (await (await admin.Client.GetAsync($"/api/v1/templates/{spanish.GetProperty("id").GetGuid()}")).Data()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_header_example_goes_through_metas_resumable_upload_and_the_handle_is_submitted()
    {
        var (admin, number, waba) = await CloudAsync();
        var draft = await admin.Client.DraftAsync(TemplateTestKit.NewName(), [new { type = "BODY", text = "Your invoice for this month is attached. Thank you!" }]);
        var id = draft.GetProperty("id").GetGuid();
        var png = QuickReplyBuilders.Png(4096);
        var uploaded = await (await admin.Client.UploadHeaderAsync(png, "image/png", id)).Data();
        var session = Assert.Single(Graph.UploadSessions.Values);
        Assert.Equal(Graph.AppId, session.AppId);
        Assert.Equal(png, session.Content);
        Assert.Equal("image/png", session.FileType);
        Assert.Equal(session.Handle, uploaded.GetProperty("handle").GetString());
        Assert.Contains(Graph.Calls, c => c.Path.StartsWith($"{Factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<InboxApp.Core.Channels.WhatsApp.WhatsAppOptions>>().Value.GraphApiVersion}/upload:") && c.Token == number.Token);

        await (await admin.Client.PostAsync($"/api/v1/templates/{id}/submit", null)).ShouldBe(HttpStatusCode.OK);
        var create = Graph.Calls.Last(c => c.Method == "POST" && c.Path.Contains($"{waba}/message_templates"));
        var header = JsonNode.Parse(create.Body)!["components"]![0]!;
        Assert.Equal("IMAGE", header["format"]!.GetValue<string>());
        Assert.Equal(session.Handle, header["example"]!["header_handle"]![0]!.GetValue<string>());

        // Approved, then sent: the stored example is uploaded as media and sent in the header.
        Graph.Templates.Values.Single(t => t.WabaId == waba).Status = "APPROVED";
        await admin.Client.PostAsync("/api/v1/templates/sync", null);
        var (conversationId, _, _) = await Factory.InboundTextAsync(number.MetaId, MessagingTestData.NewWaId());
        var sent = await admin.Client.PostAsJsonAsync($"/api/v1/templates/{draft.GetProperty("name").GetString()}/send", new { conversationId });
        await sent.ShouldBe(HttpStatusCode.Created);
        var payload = JsonNode.Parse(Graph.Sends(number.MetaId).Last().Body)!;
        var mediaId = payload["template"]!["components"]![0]!["parameters"]![0]!["image"]!["id"]!.GetValue<string>();
        Assert.Equal(png, Graph.Media[mediaId].Content);
    }

    [Fact]
    public async Task Metas_errors_on_sync_and_a_missing_token_are_reported_not_thrown()
    {
        var (admin, _, _) = await CloudAsync();
        Graph.Failures.Enqueue(("message_templates", 400, 100, "(#100) Invalid parameter"));
        await (await admin.Client.PostAsync("/api/v1/templates/sync", null)).ShouldFail(HttpStatusCode.BadRequest, "META_ERROR");
        Graph.Failures.Enqueue(("message_templates", 500, 2, "Service temporarily unavailable"));
        await (await admin.Client.PostAsync("/api/v1/templates/sync", null)).ShouldFail(HttpStatusCode.BadGateway, "META_ERROR");

        var revoked = await Factory.RegisterOrganizationAsync();
        await Factory.SeedCloudNumberAsync(Graph, revoked.OrganizationId, validToken: false);
        await (await revoked.Client.PostAsJsonAsync("/api/v1/templates", new { name = "x_1", language = "en", category = "UTILITY", components = TemplateTestKit.OrderComponents() }))
            .ShouldFail(HttpStatusCode.BadGateway, "META_ERROR");
    }

    [Fact]
    public async Task The_recurring_sync_job_updates_every_organizations_cloud_accounts()
    {
        var (admin, _, waba) = await CloudAsync();
        var created = await (await admin.Client.PostAsJsonAsync("/api/v1/templates", new { name = TemplateTestKit.NewName(), language = "en_US", category = "UTILITY", components = TemplateTestKit.OrderComponents() })).Data();
        Graph.TemplatesOf(waba).Single().Status = "REJECTED";
        Graph.TemplatesOf(waba).Single().RejectedReason = "PROMOTIONAL";
        using var scope = Factory.Services.CreateScope();
        var summary = await ActivatorUtilities.CreateInstance<TemplateSyncJob>(scope.ServiceProvider).RunAsync(CancellationToken.None);
        Assert.Contains("updated", summary);
        var template = await (await admin.Client.GetAsync($"/api/v1/templates/{created.GetProperty("id").GetGuid()}")).Data();
        Assert.Equal("REJECTED", template.GetProperty("status").GetString());
        Assert.Equal("PROMOTIONAL", template.GetProperty("reason").GetString());
    }

    private async Task WebhookAsync(string waba, string field, JsonObject value)
    {
        await (await Factory.CreateClient().SendAsync(Signed(Envelope(waba, (field, value))))).ShouldBe(HttpStatusCode.OK);
        await Factory.DrainWebhooksAsync();
    }
}
