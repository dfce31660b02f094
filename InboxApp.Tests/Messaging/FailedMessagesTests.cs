using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InboxApp.Core.Messaging;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Tests.Messaging;

[Collection(GraphBackedApp.Collection)]
public sealed class FailedMessagesTests(GraphBackedApp app)
{
    private InboxAppFactory Factory => app.Factory;
    private FakeGraphApi Graph => app.Graph;

    /// <summary>A message Meta refuses with <paramref name="code"/>; returns its id.</summary>
    private async Task<Guid> FailedMessageAsync(SignedIn admin, CloudNumber number, Guid conversationId, int code, string text = "Hello again")
    {
        Graph.Failures.Enqueue(($"{number.MetaId}/messages", 400, code, $"(#{code}) refused"));
        var data = await (await admin.Client.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages", new { type = "text", text })).Data();
        Assert.Equal("FAILED", data.GetProperty("status").GetString());
        return data.GetProperty("id").GetGuid();
    }

    private async Task<(SignedIn Admin, CloudNumber Number, Guid ConversationId)> SetupAsync()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var number = await Factory.SeedCloudNumberAsync(Graph, admin.OrganizationId);
        var (conversationId, _, _) = await Factory.InboundTextAsync(number.MetaId, MessagingTestData.NewWaId());
        return (admin, number, conversationId);
    }

    private static IEnumerable<Guid> Ids(JsonElement list) => list.EnumerateArray().Select(i => i.GetProperty("id").GetGuid());

    [Fact]
    public async Task Failed_messages_are_listed_with_filters_and_paging_and_counted_by_code_and_day()
    {
        var (admin, first, conversationA) = await SetupAsync();
        var second = await Factory.SeedCloudNumberAsync(Graph, admin.OrganizationId);
        var (conversationB, _, _) = await Factory.InboundTextAsync(second.MetaId, MessagingTestData.NewWaId());
        var windowError = await FailedMessageAsync(admin, first, conversationA, 131047, "Refund update");
        var undeliverableA = await FailedMessageAsync(admin, first, conversationA, 131026);
        var undeliverableB = await FailedMessageAsync(admin, second, conversationB, 131026);
        await (await admin.Client.PostAsJsonAsync($"/api/v1/conversations/{conversationA}/messages", new { type = "text", text = "This one goes out" })).ShouldBe(HttpStatusCode.Created);

        var all = await (await admin.Client.GetAsync("/api/v1/messages/failed")).Json();
        Assert.Equal(new[] { windowError, undeliverableA, undeliverableB }.Order(), Ids(all.GetProperty("data")).Order());
        Assert.Equal(3, all.GetProperty("meta").GetProperty("pagination").GetProperty("total").GetInt32());
        var item = all.GetProperty("data").EnumerateArray().First(i => i.GetProperty("id").GetGuid() == windowError);
        Assert.Equal(conversationA, item.GetProperty("conversationId").GetGuid());
        Assert.Equal(first.Id, item.GetProperty("phoneNumberId").GetGuid());
        Assert.Equal("Refund update", item.GetProperty("text").GetString());
        Assert.True(item.GetProperty("windowOpen").GetBoolean());
        Assert.True(item.GetProperty("canRetry").GetBoolean());

        Assert.Equal(new[] { undeliverableA, undeliverableB }.Order(), Ids(await (await admin.Client.GetAsync("/api/v1/messages/failed?errorCode=131026")).Data()).Order());
        Assert.Equal([undeliverableB], Ids(await (await admin.Client.GetAsync($"/api/v1/messages/failed?phoneNumberId={second.Id}")).Data()));
        Assert.Equal([windowError], Ids(await (await admin.Client.GetAsync("/api/v1/messages/failed?search=refund")).Data()));
        var tomorrow = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(1).ToString("O"));
        var yesterday = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-1).ToString("O"));
        Assert.Empty(Ids(await (await admin.Client.GetAsync($"/api/v1/messages/failed?from={tomorrow}")).Data()));
        Assert.Empty(Ids(await (await admin.Client.GetAsync($"/api/v1/messages/failed?to={yesterday}")).Data()));
        Assert.Equal(3, Ids(await (await admin.Client.GetAsync($"/api/v1/messages/failed?from={yesterday}&to={tomorrow}")).Data()).Count());
        var page = await (await admin.Client.GetAsync("/api/v1/messages/failed?page=2&pageSize=2")).Json();
        Assert.Single(Ids(page.GetProperty("data")));
        Assert.False(page.GetProperty("meta").GetProperty("pagination").GetProperty("hasMore").GetBoolean());
        await (await admin.Client.GetAsync("/api/v1/messages/failed?pageSize=0")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.GetAsync("/api/v1/messages/failed?status=BROKEN")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.GetAsync($"/api/v1/messages/failed?from={tomorrow}&to={yesterday}")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        var stats = await (await admin.Client.GetAsync("/api/v1/messages/failed/stats")).Data();
        Assert.Equal(3, stats.GetProperty("failed").GetInt32());
        var byCode = stats.GetProperty("byErrorCode").EnumerateArray().ToDictionary(c => c.GetProperty("code").GetString()!, c => c.GetProperty("count").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["131026"] = 2, ["131047"] = 1 }, byCode);
        var day = Assert.Single(stats.GetProperty("byDay").EnumerateArray());
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"), day.GetProperty("date").GetString());
        Assert.Equal(3, day.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Retry_send_resends_a_failed_message_and_clears_its_error()
    {
        var (admin, number, conversationId) = await SetupAsync();
        var id = await FailedMessageAsync(admin, number, conversationId, 131026);

        var response = await admin.Client.PostAsync($"/api/v1/messages/{id}/retry-send", null);
        await response.ShouldBe(HttpStatusCode.OK);
        var data = await response.Data();
        Assert.Equal(id, data.GetProperty("id").GetGuid());
        Assert.Equal("PENDING", data.GetProperty("status").GetString());
        Assert.StartsWith("wamid.", data.GetProperty("waMessageId").GetString());
        Assert.False(data.TryGetProperty("error", out _));
        Assert.Equal(2, Graph.Sends(number.MetaId).Count);
        Assert.Empty(Ids(await (await admin.Client.GetAsync("/api/v1/messages/failed")).Data()));

        // Only failed or unknown messages can be retried.
        await (await admin.Client.PostAsync($"/api/v1/messages/{id}/retry-send", null)).ShouldFail(HttpStatusCode.Conflict, MessagingErrors.NotRetryable);
        Assert.Equal(2, Graph.Sends(number.MetaId).Count);
    }

    [Fact]
    public async Task Retry_send_is_refused_once_the_window_has_closed_and_a_marketing_cap_failure_waits_twelve_hours()
    {
        var (admin, number, conversationId) = await SetupAsync();
        var capped = await FailedMessageAsync(admin, number, conversationId, 131049);
        await (await admin.Client.PostAsync($"/api/v1/messages/{capped}/retry-send", null)).ShouldFail(HttpStatusCode.Conflict, MessagingErrors.RetryTooSoon);

        var id = await FailedMessageAsync(admin, number, conversationId, 131026);
        await using (var db = Factory.SystemDb())
            await db.Conversations.Where(c => c.Id == conversationId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastCustomerMessageAt, DateTimeOffset.UtcNow.AddHours(-30)));
        var calls = Graph.Sends(number.MetaId).Count;

        await (await admin.Client.PostAsync($"/api/v1/messages/{id}/retry-send", null)).ShouldFail(HttpStatusCode.Conflict, MessagingErrors.WindowClosed);
        Assert.Equal(calls, Graph.Sends(number.MetaId).Count);
        var item = (await (await admin.Client.GetAsync("/api/v1/messages/failed?errorCode=131026")).Data()).EnumerateArray().Single();
        Assert.False(item.GetProperty("windowOpen").GetBoolean());
        Assert.False(item.GetProperty("canRetry").GetBoolean());
    }

    [Fact]
    public async Task Discard_takes_a_message_off_the_list_for_good()
    {
        var (admin, number, conversationId) = await SetupAsync();
        var id = await FailedMessageAsync(admin, number, conversationId, 131026);

        var data = await (await admin.Client.PostAsync($"/api/v1/messages/{id}/discard", null)).Data();
        Assert.True(data.TryGetProperty("discardedAt", out _));
        await (await admin.Client.PostAsync($"/api/v1/messages/{id}/discard", null)).ShouldBe(HttpStatusCode.OK);
        Assert.Empty(Ids(await (await admin.Client.GetAsync("/api/v1/messages/failed")).Data()));
        Assert.Equal([id], Ids(await (await admin.Client.GetAsync("/api/v1/messages/failed?permanent=true")).Data()));
        await (await admin.Client.PostAsync($"/api/v1/messages/{id}/retry-send", null)).ShouldFail(HttpStatusCode.Conflict, MessagingErrors.NotRetryable);
        Assert.Equal(1, (await (await admin.Client.GetAsync("/api/v1/messages/failed/stats")).Data()).GetProperty("discarded").GetInt32());

        var (_, inboundId, _) = await Factory.InboundTextAsync(number.MetaId, MessagingTestData.NewWaId());
        await (await admin.Client.PostAsync($"/api/v1/messages/{inboundId}/discard", null)).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Bulk_retry_and_bulk_discard_report_a_result_per_id()
    {
        var (admin, number, conversationId) = await SetupAsync();
        var retryable = await FailedMessageAsync(admin, number, conversationId, 131026);
        var other = await FailedMessageAsync(admin, number, conversationId, 131026);
        var sent = (await (await admin.Client.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/messages", new { type = "text", text = "ok" })).Data()).GetProperty("id").GetGuid();
        var unknown = Guid.NewGuid();

        var retried = await (await admin.Client.PostAsJsonAsync("/api/v1/messages/failed/bulk-retry", new { ids = new[] { retryable, sent, unknown } })).Data();
        Assert.Equal(1, retried.GetProperty("succeeded").GetInt32());
        Assert.Equal(2, retried.GetProperty("failed").GetInt32());
        var results = retried.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetGuid());
        Assert.True(results[retryable].GetProperty("ok").GetBoolean());
        Assert.Equal("PENDING", results[retryable].GetProperty("status").GetString());
        Assert.Equal(MessagingErrors.NotRetryable, results[sent].GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("NOT_FOUND", results[unknown].GetProperty("error").GetProperty("code").GetString());

        // The CX seed's body name works too.
        var discarded = await (await admin.Client.PostAsJsonAsync("/api/v1/messages/failed/bulk-discard", new { messageIds = new[] { other, sent } })).Data();
        Assert.Equal(1, discarded.GetProperty("succeeded").GetInt32());
        Assert.Empty(Ids(await (await admin.Client.GetAsync("/api/v1/messages/failed")).Data()));

        await (await admin.Client.PostAsJsonAsync("/api/v1/messages/failed/bulk-retry", new { ids = Array.Empty<Guid>() })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PostAsJsonAsync("/api/v1/messages/failed/bulk-discard", new { ids = Enumerable.Range(0, 101).Select(_ => Guid.NewGuid()) }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PostRawJsonAsync("/api/v1/messages/failed/bulk-retry", """{"ids":["nope"]}""")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Another_organizations_failed_messages_are_invisible_and_not_found()
    {
        var (admin, number, conversationId) = await SetupAsync();
        var id = await FailedMessageAsync(admin, number, conversationId, 131026);
        var other = await Factory.RegisterOrganizationAsync();

        Assert.Empty(Ids(await (await other.Client.GetAsync("/api/v1/messages/failed")).Data()));
        Assert.Equal(0, (await (await other.Client.GetAsync("/api/v1/messages/failed/stats")).Data()).GetProperty("failed").GetInt32());
        await (await other.Client.PostAsync($"/api/v1/messages/{id}/retry-send", null)).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await other.Client.PostAsync($"/api/v1/messages/{id}/discard", null)).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        foreach (var action in new[] { "bulk-retry", "bulk-discard" })
        {
            var result = await (await other.Client.PostAsJsonAsync($"/api/v1/messages/failed/{action}", new { ids = new[] { id } })).Data();
            Assert.Equal("NOT_FOUND", result.GetProperty("results")[0].GetProperty("error").GetProperty("code").GetString());
        }
        await using var db = Factory.SystemDb();
        var message = await db.Messages.SingleAsync(m => m.Id == id);
        Assert.Equal(MessageStatus.FAILED, message.Status);
        Assert.Null(message.DiscardedAt);
        Assert.Single(Graph.Sends(number.MetaId));
    }

    [Fact]
    public async Task Agents_and_supervisors_cannot_use_the_failed_message_endpoints()
    {
        var (admin, number, conversationId) = await SetupAsync();
        var id = await FailedMessageAsync(admin, number, conversationId, 131026);
        foreach (var role in new[] { "AGENT", "SUPERVISOR" })
        {
            var member = await Factory.AddMemberAsync(admin, role);
            await (await member.Client.GetAsync("/api/v1/messages/failed")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
            await (await member.Client.GetAsync("/api/v1/messages/failed/stats")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
            await (await member.Client.PostAsync($"/api/v1/messages/{id}/retry-send", null)).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
            await (await member.Client.PostAsync($"/api/v1/messages/{id}/discard", null)).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
            await (await member.Client.PostAsJsonAsync("/api/v1/messages/failed/bulk-retry", new { ids = new[] { id } })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
            await (await member.Client.PostAsJsonAsync("/api/v1/messages/failed/bulk-discard", new { ids = new[] { id } })).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        }
        Assert.Single(Graph.Sends(number.MetaId));
        await (await Factory.CreateClient().GetAsync("/api/v1/messages/failed")).ShouldBe(HttpStatusCode.Unauthorized);
    }
}
