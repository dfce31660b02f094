using InboxApp.Core.Common;
using InboxApp.Core.Conversations;
using InboxApp.Core.Identity;
using InboxApp.Core.Messaging;
using InboxApp.Core.QuickReplies;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using MudBlazor;

namespace InboxApp.Features.Inbox;

/// <summary>
/// The reply box: text with WhatsApp formatting, Enter to send (Shift+Enter for a new line), emoji, an attachment with upload
/// progress, quick replies by typing <c>/</c> (placeholders filled for this conversation; while their list is open the arrow
/// keys move, Enter or Tab inserts and Escape closes it, so Enter never sends the shortcut itself), reply-to, and a warning
/// when another agent replied in the last minute. Outside the 24-hour window it offers no free text.
/// </summary>
public partial class Composer : IAsyncDisposable
{
    private static readonly string[] Emoji = ["😀", "🙂", "😉", "😊", "🙏", "👍", "👋", "🎉", "❤️", "😅", "🤔", "😢", "✅", "📦", "🚚", "⏰"];

    [Parameter, EditorRequired] public ConversationDto Conversation { get; set; } = default!;
    [Parameter, EditorRequired] public Actor Actor { get; set; } = default!;
    [Parameter] public MessageDto? ReplyingTo { get; set; }
    /// <summary>Another agent's outbound message from the last minute, if any.</summary>
    [Parameter] public MessageDto? RecentOtherReply { get; set; }
    [Parameter] public IReadOnlyList<MemberOption> Members { get; set; } = [];
    [Parameter] public EventCallback OnCancelReply { get; set; }
    [Parameter] public EventCallback OnSent { get; set; }
    [Parameter] public EventCallback OnTyping { get; set; }

    [Inject] private MessageSender Sender { get; set; } = default!;
    [Inject] private MediaSendService MediaSender { get; set; } = default!;
    [Inject] private QuickReplyService QuickReplyService { get; set; } = default!;
    [Inject] private IOptions<MessagingOptions> MessagingOptions { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;

    private ElementReference inputBox;
    private MudTextField<string>? field;
    private string text = "";
    private bool sending;
    private bool showEmoji;
    private IBrowserFile? attachment;
    private int? uploadProgress;
    private MessageDto? confirmOver;
    private Guid? confirmedOver;
    private IReadOnlyList<QuickReplyDto> quickReplies = [];
    private int selectedQuickReply;
    /// <summary>The text for which Escape closed the list: it stays closed (and Enter sends that text) until the text changes.</summary>
    private string? dismissedFor;
    private IJSObjectReference? module;
    private IJSObjectReference? keys;
    private DotNetObjectReference<Composer>? self;
    /// <summary>The text box the keys are attached to: a new one (the window reopened) gets them again.</summary>
    private string? attachedTo;
    private (Guid QuickReplyId, QuickReplyMediaDto Media)? quickReplyMedia;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!RendererInfo.IsInteractive || !Conversation.WindowOpen) return;
        // Set before awaiting: a render during the import must not attach the keys a second time.
        if (attachedTo == inputBox.Id) return;
        attachedTo = inputBox.Id;
        module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./inbox.js");
        self ??= DotNetObjectReference.Create(this);
        if (keys is not null) await keys.InvokeVoidAsync("dispose");
        keys = await module.InvokeAsync<IJSObjectReference>("attachComposer", inputBox, self);
    }

    public async Task FocusAsync(string? insert = null)
    {
        if (insert is not null)
        {
            await SetTextAsync(insert);
            await RefreshQuickRepliesAsync();
            StateHasChanged();
        }
        if (field is not null && RendererInfo.IsInteractive) await field.FocusAsync();
    }

    /// <summary>
    /// The text box belongs to the browser while the agent types (a value rendered from the server would lag behind fast
    /// typing and drop characters); the server changes it only on purpose: cleared after sending, a quick reply, an emoji.
    /// </summary>
    private async Task SetTextAsync(string value)
    {
        text = value;
        // The text field keeps what the agent typed while it has focus; SetText makes it take the server's text.
        if (field is not null) await field.SetTextAsync(value);
    }

    [JSInvokable]
    public Task ReportTyping() => InvokeAsync(() => OnTyping.InvokeAsync());

    private async Task OnTextChangedAsync(string? value)
    {
        text = value ?? "";
        await RefreshQuickRepliesAsync();
    }

    /// <summary>"/ship" is a shortcut being typed: one line, no space.</summary>
    private static bool IsShortcut(string value) => value.StartsWith('/') && !value.Any(char.IsWhiteSpace);

    private async Task RefreshQuickRepliesAsync()
    {
        // "/ship" lists the quick replies whose shortcut or title matches "ship".
        var query = text;
        var found = IsShortcut(query) && query != dismissedFor
            ? (await QuickReplyService.ListActiveAsync(Actor, query.Length > 1 ? query[1..] : null)).Take(8).ToList()
            : [];
        // Keystrokes overlap: a slower lookup for an earlier text must not replace the list of the text typed since.
        if (query != text) return;
        if (found.Count != quickReplies.Count || found.Where((q, i) => q.Id != quickReplies[i].Id).Any()) selectedQuickReply = 0;
        quickReplies = found;
    }

    /// <summary>
    /// The keys the text field reports (the browser side only stops their default action: the new line of Enter, the focus
    /// move of Tab). With the quick-reply list open the arrows move, Enter or Tab inserts, Escape closes; otherwise Enter
    /// sends and Shift+Enter is a new line.
    /// </summary>
    private async Task OnKeyDownAsync(KeyboardEventArgs e)
    {
        if (quickReplies.Count > 0)
        {
            switch (e.Key)
            {
                case "ArrowDown":
                    selectedQuickReply = (selectedQuickReply + 1) % quickReplies.Count;
                    return;
                case "ArrowUp":
                    selectedQuickReply = (selectedQuickReply - 1 + quickReplies.Count) % quickReplies.Count;
                    return;
                case "Enter" or "Tab" when !e.ShiftKey:
                    await UseQuickReplyAsync(quickReplies[Math.Clamp(selectedQuickReply, 0, quickReplies.Count - 1)]);
                    return;
                case "Escape":
                    quickReplies = [];
                    dismissedFor = text;
                    return;
            }
        }
        if (e.Key != "Enter" || e.ShiftKey || e.IsComposing) return;
        // The list may still be on its way (Enter right after typing "/th"): a shortcut never goes to the customer as text.
        if (IsShortcut(text) && text != dismissedFor)
        {
            await RefreshQuickRepliesAsync();
            if (quickReplies.Count > 0)
            {
                await UseQuickReplyAsync(quickReplies[0]);
                return;
            }
        }
        await SendAsync();
    }

    private async Task UseQuickReplyAsync(QuickReplyDto quickReply)
    {
        try
        {
            var rendered = await QuickReplyService.RenderAsync(Actor, quickReply.Id, Conversation.Id);
            await SetTextAsync(rendered.Text);
            quickReplies = [];
            selectedQuickReply = 0;
            // Its attachment goes with it (the text becomes the caption) unless the agent removes it.
            quickReplyMedia = rendered.Media is null ? null : (quickReply.Id, rendered.Media);
            if (quickReplyMedia is not null) attachment = null;
        }
        catch (InboxException e)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }
        await FocusAsync();
    }

    private async Task InsertEmoji(string emoji)
    {
        showEmoji = false;
        await SetTextAsync(text + emoji);
    }

    private void OnFileChosen(InputFileChangeEventArgs e)
    {
        attachment = e.File;
        quickReplyMedia = null;
        uploadProgress = null;
    }

    private Task ConfirmSendAsync()
    {
        confirmedOver = confirmOver?.Id;
        confirmOver = null;
        return SendAsync();
    }

    private async Task SendAsync()
    {
        if (sending || (string.IsNullOrWhiteSpace(text) && attachment is null && quickReplyMedia is null)) return;
        if (RecentOtherReply is { } other && other.Id != confirmedOver)
        {
            confirmOver = other;
            return;
        }
        sending = true;
        try
        {
            if (attachment is { } file) await SendAttachmentAsync(file);
            else if (quickReplyMedia is { } media) await SendQuickReplyMediaAsync(media.QuickReplyId, media.Media);
            else await Sender.SendTextAsync(Actor, Conversation.Id, text.Trim(), ReplyingTo?.Id);
            await SetTextAsync("");
            attachment = null;
            quickReplyMedia = null;
            quickReplies = [];
            await OnSent.InvokeAsync();
        }
        catch (InboxException e)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }
        finally
        {
            sending = false;
            uploadProgress = null;
        }
        if (field is not null && RendererInfo.IsInteractive) await field.FocusAsync();
    }

    /// <summary>Copies the browser's file to a temporary file (showing progress), then uploads and sends it with the text as caption.</summary>
    private async Task SendAttachmentAsync(IBrowserFile file)
    {
        var max = MessagingOptions.Value.MaxAnyBytes;
        if (file.Size > max) throw new InboxException(413, ErrorCodes.PayloadTooLarge, $"{file.Name} is larger than WhatsApp accepts ({MessageText.Size(max)})");
        var path = Path.GetTempFileName();
        try
        {
            await using (var target = File.Create(path))
            await using (var source = file.OpenReadStream(max))
            {
                var buffer = new byte[81920];
                long copied = 0;
                int read;
                while ((read = await source.ReadAsync(buffer)) > 0)
                {
                    await target.WriteAsync(buffer.AsMemory(0, read));
                    copied += read;
                    var progress = (int)(copied * 100 / Math.Max(1, file.Size));
                    if (progress != uploadProgress)
                    {
                        uploadProgress = progress;
                        StateHasChanged();
                    }
                }
            }
            await using var content = File.OpenRead(path);
            var caption = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
            await MediaSender.SendAsync(Actor, Conversation.Id, new MediaUpload(content, content.Length, file.ContentType, file.Name, caption, ReplyingTo?.Id, null));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private async Task SendQuickReplyMediaAsync(Guid quickReplyId, QuickReplyMediaDto media)
    {
        var stored = await QuickReplyService.OpenMediaAsync(Actor, quickReplyId);
        await using var file = stored.File;
        await MediaSender.SendAsync(Actor, Conversation.Id, new MediaUpload(file.Content, media.Size, file.ContentType, media.FileName,
            string.IsNullOrWhiteSpace(text) ? null : text.Trim(), ReplyingTo?.Id, null));
    }

    private string SenderNameFor(MessageDto m) => Members.FirstOrDefault(u => u.Id == m.SentById)?.Name ?? "Another agent";

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (keys is not null) await keys.InvokeVoidAsync("dispose");
            if (module is not null) await module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The browser left.
        }
        self?.Dispose();
    }
}
