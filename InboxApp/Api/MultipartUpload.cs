using InboxApp.Core.Common;

namespace InboxApp.Api;

/// <summary>
/// Reads a multipart upload by hand (not bound), so that anything else is a 400 naming the field instead of a binding
/// failure: not multipart, malformed or truncated, no file in the field, or an empty file. A body over the size limit stays
/// a 413 (Kestrel's <c>BadHttpRequestException</c>).
/// </summary>
public static class MultipartUpload
{
    public static async Task<(IFormCollection Form, IFormFile File)> ReadAsync(HttpRequest request, string field, string what, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            throw InboxException.Invalid(field, $"Send the {what} as multipart/form-data in a field named \"{field}\"");
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException || (e is IOException and not BadHttpRequestException && !ct.IsCancellationRequested))
        {
            throw InboxException.Invalid(field, "The multipart form could not be read");
        }
        var file = form.Files.GetFile(field) ?? throw InboxException.Invalid(field, $"Choose a {what} and send it in a field named \"{field}\"");
        if (file.Length == 0) throw InboxException.Invalid(field, "The file is empty");
        return (form, file);
    }
}
