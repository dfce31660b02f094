using System.Text.RegularExpressions;
using Markdig;
using Markdig.Parsers;
using Markdig.Parsers.Inlines;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace InboxApp.Features.Inbox;

/// <summary>
/// Renders WhatsApp's message formatting as HTML: <c>*bold*</c>, <c>_italic_</c>, <c>~strike~</c>, <c>```monospace```</c>,
/// <c>`inline code`</c>, bulleted and numbered lists and quotes, with line breaks kept. Built on Markdig with raw HTML
/// disabled and without Markdown links, images, headings or code blocks (WhatsApp has none, and a customer's text must not
/// load images or hide link targets); bare http(s) URLs become links that open in a new tab with <c>rel="noopener noreferrer nofollow"</c>.
/// </summary>
public static partial class MessageFormatter
{
    private static readonly MarkdownPipeline Pipeline = Build();

    public static string ToHtml(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var document = Markdown.Parse(ToMarkdown(text), Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            // Autolinks only: anything that is not http(s) is shown as its text.
            if (!IsSafe(link.Url)) link.Url = null;
        }
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.LinkRewriter = url => url;
        renderer.Render(document);
        return AddLinkAttributes(writer.ToString().Trim());
    }

    /// <summary>WhatsApp markup as the Markdown our pipeline understands (bold is one asterisk there, strike one tilde).</summary>
    public static string ToMarkdown(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n').Select(EscapeLine);
        var markdown = Monospace().Replace(string.Join('\n', lines), m => "`" + m.Groups[1].Value.Replace("`", "") + "`");
        // Bold spans are set aside while the asterisks left over (2*3*4) are escaped; bullets ("* item") stay.
        markdown = Bold().Replace(markdown, "\u0001$1\u0001");
        markdown = StrayAsterisk().Replace(markdown, "\\*");
        markdown = markdown.Replace("\u0001", "**");
        return Strike().Replace(markdown, "~~$1~~");
    }

    /// <summary>Escapes what means something in Markdown but not in WhatsApp, keeping a leading quote marker.</summary>
    private static string EscapeLine(string line)
    {
        // "---" or "===" under a line would make the line a heading.
        if (SetextUnderline().IsMatch(line)) return "\\" + line;
        var quote = line.StartsWith("> ", StringComparison.Ordinal) ? "> " : "";
        return quote + MarkdownOnly().Replace(line[quote.Length..], m => "\\" + m.Value);
    }

    private static MarkdownPipeline Build()
    {
        var builder = new MarkdownPipelineBuilder()
            .DisableHtml()
            .UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough)
            .UseAutoLinks()
            .UseSoftlineBreakAsHardlineBreak();
        builder.BlockParsers.RemoveAll(p => p is HeadingBlockParser);
        builder.BlockParsers.RemoveAll(p => p is ThematicBreakParser);
        builder.BlockParsers.RemoveAll(p => p is IndentedCodeBlockParser);
        builder.BlockParsers.RemoveAll(p => p is FencedCodeBlockParser);
        builder.BlockParsers.RemoveAll(p => p is HtmlBlockParser);
        builder.InlineParsers.RemoveAll(p => p is LinkInlineParser);
        builder.InlineParsers.RemoveAll(p => p is AutolinkInlineParser);
        return builder.Build();
    }

    private static bool IsSafe(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static string AddLinkAttributes(string html) =>
        html.Replace("<a href=", "<a target=\"_blank\" rel=\"noopener noreferrer nofollow\" href=", StringComparison.Ordinal);

    /// <summary>Characters that mean something in Markdown but not in WhatsApp: backslash, brackets, hash, pipe, angle brackets, equals and plus.</summary>
    [GeneratedRegex(@"[\\\[\]#|<>=+]")]
    private static partial Regex MarkdownOnly();

    [GeneratedRegex(@"^ {0,3}[-=]+\s*$")]
    private static partial Regex SetextUnderline();

    /// <summary>An asterisk that is not a bullet at the start of a line.</summary>
    [GeneratedRegex(@"(?<!^[ \t]*)\*|\*(?! )", RegexOptions.Multiline)]
    private static partial Regex StrayAsterisk();

    [GeneratedRegex(@"```(.+?)```", RegexOptions.Singleline)]
    private static partial Regex Monospace();

    [GeneratedRegex(@"(?<![\w*\\])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")]
    private static partial Regex Bold();

    [GeneratedRegex(@"(?<![\w~\\])~(?=\S)([^~\n]+?)(?<=\S)~(?![\w~])")]
    private static partial Regex Strike();
}
