using System.Net;
using System.Net.Http.Json;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.QuickReplies;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Tests.Templates;

/// <summary>The template endpoints on sandbox numbers (their review arrives as Meta's status webhook).</summary>
[Collection(SharedApp.Name)]
public sealed class TemplatesEndpointsTests(NoJobsAppFactory factory)
{
    [Fact]
    public async Task A_draft_is_saved_with_its_problems_variables_and_preview_and_listed_with_filters()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, accountId) = await admin.SandboxNumberAsync();
        var name = TemplateTestKit.NewName();
        var draft = await admin.Client.DraftAsync(name);
        Assert.Equal("DRAFT", draft.GetProperty("status").GetString());
        Assert.Equal(accountId, draft.GetProperty("accountId").GetGuid());
        Assert.Equal("POSITIONAL", draft.GetProperty("parameterFormat").GetString());
        Assert.Empty(draft.GetProperty("problems").EnumerateArray());
        Assert.Equal(["body.1", "body.2", "button.1"], draft.GetProperty("variables").EnumerateArray().Select(v => v.GetProperty("key").GetString()!));
        Assert.Equal("Hi Ana, your order #1234 has shipped. Thanks for shopping with us!", draft.GetProperty("preview").GetProperty("body").GetString());
        Assert.Equal("BODY", draft.GetProperty("components")[1].GetProperty("type").GetString());
        Assert.Equal("Ana", draft.GetProperty("components")[1].GetProperty("example").GetProperty("body_text")[0][0].GetString());

        await admin.Client.DraftAsync("promo_" + Guid.NewGuid().ToString("N")[..8], [new { type = "BODY", text = "¡Nuestra colección de primavera ya llegó!" }],
            category: "MARKETING", language: "es");
        var all = await (await admin.Client.GetAsync("/api/v1/templates")).Json();
        Assert.Equal(2, all.GetProperty("meta").GetProperty("pagination").GetProperty("total").GetInt32());
        var spanish = await (await admin.Client.GetAsync("/api/v1/templates?language=es&category=MARKETING&status=DRAFT")).Data();
        Assert.Single(spanish.EnumerateArray());
        var searched = await (await admin.Client.GetAsync("/api/v1/templates?search=shopping")).Data();
        Assert.Equal([name], searched.Names());
        var paged = await (await admin.Client.GetAsync("/api/v1/templates?limit=1&page=2")).Json();
        Assert.Single(paged.GetProperty("data").EnumerateArray());
        Assert.False(paged.GetProperty("meta").GetProperty("pagination").GetProperty("hasMore").GetBoolean());
        await (await admin.Client.GetAsync("/api/v1/templates?status=NOPE")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Lint_problems_are_tied_to_their_component_and_block_the_submit()
    {
        var admin = await factory.RegisterOrganizationAsync();
        await admin.SandboxNumberAsync();
        var draft = await admin.Client.DraftAsync(TemplateTestKit.NewName(), [
            new { type = "HEADER", format = "TEXT", text = new string('h', 61) },
            new { type = "BODY", text = "{{1}} and {{3}} are here" },
            new { type = "FOOTER", text = "Footer {{1}}" },
            new { type = "BUTTONS", buttons = new object[] { new { type = "QUICK_REPLY", text = new string('b', 26) } } },
        ]);
        Assert.Contains(draft.ProblemsOf("header"), m => m.Contains("60"));
        Assert.Contains(draft.ProblemsOf("body"), m => m.Contains("{{2}} is missing"));
        Assert.Contains(draft.ProblemsOf("body"), m => m.Contains("cannot start with a variable"));
        Assert.Contains(draft.ProblemsOf("body"), m => m.Contains("example for the variable {{1}}"));
        Assert.Contains(draft.ProblemsOf("footer"), m => m.Contains("variables"));
        Assert.Contains(draft.ProblemsOf("buttons[0]"), m => m.Contains("25"));

        var response = await admin.Client.PostAsync($"/api/v1/templates/{draft.GetProperty("id").GetGuid()}/submit", null);
        var error = await response.ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var details = error.GetProperty("details");
        Assert.True(details.TryGetProperty("body", out _));
        Assert.True(details.TryGetProperty("buttons[0]", out _));
        Assert.Equal("DRAFT", (await (await admin.Client.GetAsync($"/api/v1/templates/{draft.GetProperty("id").GetGuid()}")).Data()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_submitted_sandbox_template_is_pending_then_approved_by_the_status_webhook()
    {
        var admin = await factory.RegisterOrganizationAsync();
        await admin.SandboxNumberAsync();
        var draft = await admin.Client.DraftAsync(TemplateTestKit.NewName());
        var id = draft.GetProperty("id").GetGuid();
        var submitted = await (await admin.Client.PostAsync($"/api/v1/templates/{id}/submit", null)).Data();
        Assert.Equal("PENDING", submitted.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(submitted.GetProperty("metaTemplateId").GetString()));
        var approved = await admin.Client.WaitForStatusAsync(id, "APPROVED");
        Assert.Equal(submitted.GetProperty("metaTemplateId").GetString(), approved.GetProperty("metaTemplateId").GetString());
        await (await admin.Client.PostAsync($"/api/v1/templates/{id}/submit", null)).ShouldFail(HttpStatusCode.Conflict, "TEMPLATE_WRONG_STATUS");
        await (await admin.Client.PutAsJsonAsync($"/api/v1/templates/{id}/draft", new { category = "MARKETING" })).ShouldFail(HttpStatusCode.Conflict, "TEMPLATE_WRONG_STATUS");
    }

    [Fact]
    public async Task A_template_with_the_reject_marker_is_rejected_with_the_reason_and_can_be_edited_back_to_review()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, accountId) = await admin.SandboxNumberAsync();
        var name = TemplateTestKit.NewName();
        var response = await admin.Client.PostAsJsonAsync("/api/v1/templates", new
        {
            name, language = "en_US", category = "UTILITY", accountId,
            components = TemplateTestKit.OrderComponents("Hi {{1}}, order {{2}} shipped today #reject please."),
        });
        await response.ShouldBe(HttpStatusCode.Created);
        var id = (await response.Data()).GetProperty("id").GetGuid();
        var rejected = await admin.Client.WaitForStatusAsync(id, "REJECTED");
        Assert.Equal("INVALID_FORMAT", rejected.GetProperty("reason").GetString());

        var edited = await admin.Client.PutAsJsonAsync($"/api/v1/templates/{id}", new { components = TemplateTestKit.OrderComponents() });
        await edited.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("PENDING", (await edited.Data()).GetProperty("status").GetString());
        var approved = await admin.Client.WaitForStatusAsync(id, "APPROVED");
        Assert.False(approved.TryGetProperty("reason", out _));
    }

    [Fact]
    public async Task Create_and_submit_refuses_invalid_input_and_stores_nothing()
    {
        var admin = await factory.RegisterOrganizationAsync();
        await admin.SandboxNumberAsync();
        await (await admin.Client.PostAsJsonAsync("/api/v1/templates", new { name = "Bad Name", language = "en_US", category = "UTILITY", components = TemplateTestKit.OrderComponents() }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PostAsJsonAsync("/api/v1/templates", new { name = "no_body", language = "en_US", category = "UTILITY", components = new[] { new { type = "FOOTER", text = "x" } } }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PostAsJsonAsync("/api/v1/templates", new { name = "x", language = "english", category = "UTILITY" }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PostAsJsonAsync("/api/v1/templates", new { name = "x", language = "en", category = "SPAM" }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PostRawJsonAsync("/api/v1/templates", "{ \"name\": ")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Equal(0, (await (await admin.Client.GetAsync("/api/v1/templates")).Json()).GetProperty("meta").GetProperty("pagination").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Drafts_change_duplicate_and_delete_and_a_name_is_unique_per_account_and_language()
    {
        var admin = await factory.RegisterOrganizationAsync();
        await admin.SandboxNumberAsync();
        var name = TemplateTestKit.NewName();
        var draft = await admin.Client.DraftAsync(name);
        var id = draft.GetProperty("id").GetGuid();
        await (await admin.Client.PostAsJsonAsync("/api/v1/templates/draft", new { name, language = "en_US", category = "UTILITY" }))
            .ShouldFail(HttpStatusCode.Conflict, "TEMPLATE_EXISTS");
        await admin.Client.DraftAsync(name, language: "es"); // another language of the same name

        var updated = await (await admin.Client.PutAsJsonAsync($"/api/v1/templates/{id}/draft", new
        {
            category = "MARKETING", components = new[] { new { type = "BODY", text = "Hello {{first_name}}, welcome aboard!", example = new { body_text_named_params = new[] { new { param_name = "first_name", example = "Ana" } } } } },
        })).Data();
        Assert.Equal("MARKETING", updated.GetProperty("category").GetString());
        Assert.Equal("NAMED", updated.GetProperty("parameterFormat").GetString());
        Assert.Equal("Hello Ana, welcome aboard!", updated.GetProperty("preview").GetProperty("body").GetString());
        Assert.Equal(name, updated.GetProperty("name").GetString());

        var copy = await admin.Client.PostAsync($"/api/v1/templates/{id}/duplicate", null);
        await copy.ShouldBe(HttpStatusCode.Created);
        var copied = await copy.Data();
        Assert.Equal(name + "_copy", copied.GetProperty("name").GetString());
        Assert.Equal("DRAFT", copied.GetProperty("status").GetString());
        var second = await (await admin.Client.PostAsync($"/api/v1/templates/{id}/duplicate", null)).Data();
        Assert.Equal(name + "_copy_2", second.GetProperty("name").GetString());
        var named = await (await admin.Client.PostAsJsonAsync($"/api/v1/templates/{id}/duplicate", new { name = "welcome_v2" })).Data();
        Assert.Equal("welcome_v2", named.GetProperty("name").GetString());

        await (await admin.Client.DeleteAsync($"/api/v1/templates/{id}")).ShouldBe(HttpStatusCode.NoContent);
        Assert.Equal("REMOVED", (await (await admin.Client.GetAsync($"/api/v1/templates/{id}")).Data()).GetProperty("status").GetString());
        Assert.DoesNotContain(name, (await (await admin.Client.GetAsync("/api/v1/templates?language=en_US")).Data()).Names());
        // The name is free again once the template is removed.
        await admin.Client.DraftAsync(name);
        await (await admin.Client.DeleteAsync($"/api/v1/templates/{copied.GetProperty("id").GetGuid()}/meta")).ShouldFail(HttpStatusCode.Conflict, "TEMPLATE_WRONG_STATUS");
    }

    [Fact]
    public async Task Bulk_submits_drafts_and_deletes_by_filter_reporting_what_it_skipped()
    {
        var admin = await factory.RegisterOrganizationAsync();
        await admin.SandboxNumberAsync();
        var good = await admin.Client.DraftAsync(TemplateTestKit.NewName());
        var bad = await admin.Client.DraftAsync(TemplateTestKit.NewName(), [new { type = "BODY", text = "{{1}}" }]);
        var missing = Guid.NewGuid();
        var result = await (await admin.Client.PostAsJsonAsync("/api/v1/templates/bulk", new
        {
            action = "submit", selection = new { mode = "ids", ids = new[] { good.GetProperty("id").GetGuid(), bad.GetProperty("id").GetGuid(), missing } },
        })).Data();
        Assert.Equal(1, result.GetProperty("affected").GetInt32());
        var skipped = result.GetProperty("skipped").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetGuid(), s => s.GetProperty("reason").GetString());
        Assert.Equal("VALIDATION_ERROR", skipped[bad.GetProperty("id").GetGuid()]);
        Assert.Equal("NOT_FOUND", skipped[missing]);

        var deleted = await (await admin.Client.PostAsJsonAsync("/api/v1/templates/bulk", new { action = "delete", selection = new { mode = "filter", status = "DRAFT" } })).Data();
        Assert.Equal(1, deleted.GetProperty("affected").GetInt32());
        Assert.Equal(1, (await (await admin.Client.GetAsync("/api/v1/templates")).Json()).GetProperty("meta").GetProperty("pagination").GetProperty("total").GetInt32());
        await (await admin.Client.PostAsJsonAsync("/api/v1/templates/bulk", new { action = "archive", selection = new { mode = "ids", ids = new[] { missing } } }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PostAsJsonAsync("/api/v1/templates/bulk", new { action = "delete", selection = new { mode = "ids" } }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task An_agent_answers_a_closed_window_with_an_approved_template_and_the_thread_shows_it_rendered()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (numberId, accountId) = await admin.SandboxNumberAsync();
        var name = TemplateTestKit.NewName();
        await admin.Client.ApprovedAsync(name, accountId);
        var conversationId = await admin.ConversationAsync(numberId);
        await factory.CloseWindowAsync(conversationId);
        var agent = await factory.AddMemberAsync(admin, "AGENT");

        await (await agent.Client.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages", new { type = "text", text = "Hi" }))
            .ShouldFail(HttpStatusCode.Conflict, "WINDOW_CLOSED");
        await (await agent.Client.PostAsJsonAsync($"/api/v1/templates/{name}/send", new { conversationId, parameters = new Dictionary<string, string> { ["1"] = "Ana" } }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var response = await agent.Client.PostAsJsonAsync($"/api/v1/templates/{name}/send", new
        {
            conversationId, language = "en_US", parameters = new Dictionary<string, string> { ["1"] = "Ana", ["2"] = "#9876", ["button.1"] = "xyz" },
        });
        await response.ShouldBe(HttpStatusCode.Created);
        var message = await response.Data();
        Assert.Equal("TEMPLATE", message.GetProperty("type").GetString());
        Assert.Contains("Hi Ana, your order #9876 has shipped.", message.GetProperty("text").GetString());
        Assert.StartsWith("*Order update*", message.GetProperty("text").GetString());

        await using var db = factory.SystemDb();
        var stored = await db.Messages.SingleAsync(m => m.Id == message.GetProperty("id").GetGuid());
        var payload = System.Text.Json.Nodes.JsonNode.Parse(stored.RawJson!)!;
        Assert.Equal(name, payload["template"]!["name"]!.GetValue<string>());
        Assert.Equal("#9876", payload["template"]!["components"]![0]!["parameters"]![1]!["text"]!.GetValue<string>());
        Assert.Equal("url", payload["template"]!["components"]![1]!["sub_type"]!.GetValue<string>());
        await MessagingEventually(async () => (await (await agent.Client.GetAsync($"/api/v1/conversations/{conversationId}")).Data())
            .GetProperty("lastMessagePreview").GetString()!.StartsWith("📋 *Order update*"));
    }

    private static Task MessagingEventually(Func<Task<bool>> condition) => Messaging.MessagingTestData.EventuallyAsync(condition, "the conversation's preview");

    [Fact]
    public async Task Sending_refuses_unknown_unapproved_and_ambiguous_templates()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (numberId, accountId) = await admin.SandboxNumberAsync();
        var conversationId = await admin.ConversationAsync(numberId);
        var name = TemplateTestKit.NewName();
        await (await admin.Client.PostAsJsonAsync($"/api/v1/templates/{name}/send", new { conversationId })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await admin.Client.DraftAsync(name, accountId: accountId);
        await (await admin.Client.PostAsJsonAsync($"/api/v1/templates/{name}/send", new { conversationId })).ShouldFail(HttpStatusCode.Conflict, "TEMPLATE_NOT_APPROVED");
        await admin.Client.DraftAsync(name, accountId: accountId, language: "es");
        await (await admin.Client.PostAsJsonAsync($"/api/v1/templates/{name}/send", new { conversationId })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PostAsJsonAsync($"/api/v1/templates/{name}/send", new { })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PostAsJsonAsync($"/api/v1/templates/{name}/send", new { conversationId = Guid.NewGuid() })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Send_to_phone_creates_the_contact_and_conversation_once_and_reuses_them()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (numberId, accountId) = await admin.SandboxNumberAsync();
        var name = TemplateTestKit.NewName();
        await admin.Client.ApprovedAsync(name, accountId, [new { type = "BODY", text = "Your appointment is confirmed for tomorrow. See you soon!" }]);
        var first = await admin.Client.PostAsJsonAsync($"/api/v1/templates/{name}/send-to-phone", new { phone = "+1 415 555 0123" });
        await first.ShouldBe(HttpStatusCode.Created);
        var sent = await first.Data();
        Assert.True(sent.GetProperty("conversationCreated").GetBoolean());
        var again = await (await admin.Client.PostAsJsonAsync($"/api/v1/templates/{name}/send-to-phone", new { phone = "14155550123", phoneNumberId = numberId })).Data();
        Assert.False(again.GetProperty("conversationCreated").GetBoolean());
        Assert.Equal(sent.GetProperty("conversationId").GetGuid(), again.GetProperty("conversationId").GetGuid());
        var conversation = await (await admin.Client.GetAsync($"/api/v1/conversations/{sent.GetProperty("conversationId").GetGuid()}")).Data();
        Assert.Equal("TEMPLATE", conversation.GetProperty("origin").GetString());
        await (await admin.Client.PostAsJsonAsync($"/api/v1/templates/{name}/send-to-phone", new { phone = "not a phone" })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PostAsJsonAsync($"/api/v1/templates/{name}/send-to-phone", new { phone = "+14155550123", phoneNumberId = Guid.NewGuid() }))
            .ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task A_header_example_is_uploaded_kept_for_the_draft_and_served()
    {
        var admin = await factory.RegisterOrganizationAsync();
        await admin.SandboxNumberAsync();
        var draft = await admin.Client.DraftAsync(TemplateTestKit.NewName());
        var id = draft.GetProperty("id").GetGuid();
        var png = QuickReplyBuilders.Png(2048);
        var upload = await admin.Client.UploadHeaderAsync(png, "image/png", id);
        await upload.ShouldBe(HttpStatusCode.OK);
        var uploaded = await upload.Data();
        Assert.StartsWith("sandbox-handle-", uploaded.GetProperty("handle").GetString());
        var template = await (await admin.Client.GetAsync($"/api/v1/templates/{id}")).Data();
        var header = template.GetProperty("components")[0];
        Assert.Equal("IMAGE", header.GetProperty("format").GetString());
        Assert.Equal(uploaded.GetProperty("handle").GetString(), header.GetProperty("example").GetProperty("header_handle")[0].GetString());
        var served = await admin.Client.GetAsync(template.GetProperty("headerMediaUrl").GetString());
        await served.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(png, await served.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", served.Content.Headers.ContentType!.MediaType);

        await (await admin.Client.UploadHeaderAsync([1, 2, 3], "application/zip", id)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var other = await admin.Client.DraftAsync(TemplateTestKit.NewName());
        await (await admin.Client.GetAsync($"/api/v1/templates/{other.GetProperty("id").GetGuid()}/header-media")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Sync_of_a_sandbox_account_changes_nothing_and_agents_may_list_and_send_but_not_manage()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, accountId) = await admin.SandboxNumberAsync();
        var draft = await admin.Client.DraftAsync(TemplateTestKit.NewName());
        var sync = await (await admin.Client.PostAsync("/api/v1/templates/sync", null)).Data();
        Assert.Equal(1, sync.GetProperty("accounts").GetInt32());
        Assert.Equal(0, sync.GetProperty("created").GetInt32() + sync.GetProperty("updated").GetInt32() + sync.GetProperty("removed").GetInt32());

        var agent = await factory.AddMemberAsync(admin, "AGENT");
        var id = draft.GetProperty("id").GetGuid();
        await (await agent.Client.GetAsync("/api/v1/templates")).ShouldBe(HttpStatusCode.OK);
        await (await agent.Client.GetAsync($"/api/v1/templates/{id}")).ShouldBe(HttpStatusCode.OK);
        await (await agent.Client.PostAsJsonAsync("/api/v1/templates/draft", new { name = "x", language = "en", category = "UTILITY" })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await agent.Client.PostAsJsonAsync("/api/v1/templates", new { name = "x", language = "en", category = "UTILITY" })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await agent.Client.PutAsJsonAsync($"/api/v1/templates/{id}/draft", new { category = "MARKETING" })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await agent.Client.PostAsync($"/api/v1/templates/{id}/submit", null)).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await agent.Client.PostAsync($"/api/v1/templates/{id}/duplicate", null)).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await agent.Client.DeleteAsync($"/api/v1/templates/{id}")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await agent.Client.DeleteAsync($"/api/v1/templates/{id}/meta")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await agent.Client.PostAsync("/api/v1/templates/sync", null)).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await agent.Client.PostAsJsonAsync("/api/v1/templates/bulk", new { action = "delete", selection = new { mode = "ids", ids = new[] { id } } }))
            .ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await agent.Client.UploadHeaderAsync(QuickReplyBuilders.Png(), "image/png", id)).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await agent.Client.PutAsJsonAsync($"/api/v1/templates/{id}", new { components = TemplateTestKit.OrderComponents() })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");

        var supervisor = await factory.AddMemberAsync(admin, "SUPERVISOR");
        await supervisor.Client.DraftAsync(TemplateTestKit.NewName(), accountId: accountId);
        await (await factory.CreateClient().GetAsync("/api/v1/templates")).ShouldFail(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Another_organizations_templates_answer_404()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (numberId, accountId) = await admin.SandboxNumberAsync();
        var name = TemplateTestKit.NewName();
        var theirs = await admin.Client.ApprovedAsync(name, accountId);
        var id = theirs.GetProperty("id").GetGuid();
        var conversationId = await admin.ConversationAsync(numberId);

        var other = await factory.RegisterOrganizationAsync();
        var (otherNumber, _) = await other.SandboxNumberAsync();
        var otherConversation = await other.ConversationAsync(otherNumber);
        await (await other.Client.GetAsync($"/api/v1/templates/{id}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await other.Client.PutAsJsonAsync($"/api/v1/templates/{id}/draft", new { category = "MARKETING" })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await other.Client.PutAsJsonAsync($"/api/v1/templates/{id}", new { components = TemplateTestKit.OrderComponents() })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await other.Client.PostAsync($"/api/v1/templates/{id}/submit", null)).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await other.Client.PostAsync($"/api/v1/templates/{id}/duplicate", null)).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await other.Client.DeleteAsync($"/api/v1/templates/{id}")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await other.Client.DeleteAsync($"/api/v1/templates/{id}/meta")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await other.Client.GetAsync($"/api/v1/templates/{id}/header-media")).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await other.Client.UploadHeaderAsync(QuickReplyBuilders.Png(), "image/png", id)).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await other.Client.PostAsJsonAsync("/api/v1/templates/draft", new { name = "x", language = "en", category = "UTILITY", accountId })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        // Their template's name is unknown on our number, and their conversation is unknown to us.
        await (await other.Client.PostAsJsonAsync($"/api/v1/templates/{name}/send", new { conversationId = otherConversation })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await other.Client.PostAsJsonAsync($"/api/v1/templates/{name}/send", new { conversationId })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await other.Client.PostAsJsonAsync($"/api/v1/templates/{name}/send-to-phone", new { phone = "+14155550199" })).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        var bulk = await (await other.Client.PostAsJsonAsync("/api/v1/templates/bulk", new { action = "delete", selection = new { mode = "ids", ids = new[] { id } } })).Data();
        Assert.Equal(0, bulk.GetProperty("affected").GetInt32());
        Assert.Empty((await (await other.Client.GetAsync("/api/v1/templates")).Data()).EnumerateArray());
        Assert.Equal("APPROVED", (await (await admin.Client.GetAsync($"/api/v1/templates/{id}")).Data()).GetProperty("status").GetString());
    }
}
