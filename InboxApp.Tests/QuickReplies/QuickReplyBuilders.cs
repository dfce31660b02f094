using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using InboxApp.Tests.Infrastructure;

namespace InboxApp.Tests.QuickReplies;

/// <summary>Quick replies and attachments made through the API.</summary>
public static class QuickReplyBuilders
{
    public static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Bytes that start like a PNG file, <paramref name="length"/> long in all.</summary>
    public static byte[] Png(int length = 512)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        PngSignature.CopyTo(bytes, 0);
        return bytes;
    }

    public static async Task<JsonElement> CreateQuickReplyAsync(this HttpClient client, string shortcut, string text = "Thanks for reaching out!",
        string? title = null, string? category = null, bool? isActive = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/quick-replies", new { shortcut, title = title ?? "Reply " + shortcut, text, category, isActive });
        await response.ShouldBe(HttpStatusCode.Created);
        return await response.Data();
    }

    public static Task<HttpResponseMessage> UploadAsync(this HttpClient client, Guid id, byte[] content, string contentType, string fileName = "file.bin",
        string field = "file")
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var form = new MultipartFormDataContent { { file, field, fileName } };
        return client.PostAsync($"/api/v1/quick-replies/{id}/media", form);
    }

    public static IReadOnlyList<string> Shortcuts(this JsonElement list) =>
        list.EnumerateArray().Select(q => q.GetProperty("shortcut").GetString()!).ToList();
}
