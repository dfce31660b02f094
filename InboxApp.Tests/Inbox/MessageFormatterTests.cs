using InboxApp.Features.Inbox;

namespace InboxApp.Tests.Inbox;

public class MessageFormatterTests
{
    [Theory]
    [InlineData("*bold*", "<p><strong>bold</strong></p>")]
    [InlineData("_italic_", "<p><em>italic</em></p>")]
    [InlineData("~strike~", "<p><del>strike</del></p>")]
    [InlineData("```mono space```", "<p><code>mono space</code></p>")]
    [InlineData("`inline`", "<p><code>inline</code></p>")]
    [InlineData("Price: 2*3*4 and snake_case_name", "<p>Price: 2*3*4 and snake_case_name</p>")]
    [InlineData("*bold* and _it_ and ~gone~ together", "<p><strong>bold</strong> and <em>it</em> and <del>gone</del> together</p>")]
    public void WhatsApp_formatting_becomes_html(string text, string html) => Assert.Equal(html, MessageFormatter.ToHtml(text));

    [Fact]
    public void Line_breaks_lists_and_quotes_are_kept()
    {
        Assert.Equal("<p>first<br />\nsecond</p>", MessageFormatter.ToHtml("first\nsecond"));
        Assert.Equal("<ul>\n<li>one</li>\n<li>two</li>\n</ul>", MessageFormatter.ToHtml("- one\n- two"));
        Assert.Equal("<ol>\n<li>one</li>\n<li>two</li>\n</ol>", MessageFormatter.ToHtml("1. one\n2. two"));
        Assert.Equal("<blockquote>\n<p>quoted</p>\n</blockquote>", MessageFormatter.ToHtml("> quoted"));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    public void Raw_html_is_shown_as_text(string text)
    {
        var html = MessageFormatter.ToHtml(text);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<a ", html);
        Assert.Contains("&lt;", html);
    }

    [Theory]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("![tracker](https://evil.example/pixel.png)")]
    [InlineData("[bank](https://evil.example)")]
    public void Markdown_links_and_images_are_not_rendered(string text)
    {
        var html = MessageFormatter.ToHtml(text);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("javascript:alert(1)\"", html);
        // A link never hides its target behind other text: at most the bare address is linked, showing itself.
        Assert.DoesNotContain(">click</a>", html);
        Assert.DoesNotContain(">tracker</a>", html);
        Assert.DoesNotContain(">bank</a>", html);
    }

    [Fact]
    public void Bare_web_addresses_become_safe_links_and_other_schemes_do_not()
    {
        var html = MessageFormatter.ToHtml("Track it at https://shop.example/orders/42 today");
        Assert.Contains("<a target=\"_blank\" rel=\"noopener noreferrer nofollow\" href=\"https://shop.example/orders/42\">https://shop.example/orders/42</a>", html);
        Assert.DoesNotContain("<a ", MessageFormatter.ToHtml("javascript:alert(1)"));
        Assert.DoesNotContain("<a ", MessageFormatter.ToHtml("data:text/html;base64,PHNjcmlwdD4="));
    }

    [Theory]
    [InlineData("# Not a heading", "<p># Not a heading</p>")]
    [InlineData("Title\n===", "<p>Title<br />\n===</p>")]
    [InlineData("Title\n---", "<p>Title<br />\n---</p>")]
    [InlineData("    indented", "<p>indented</p>")]
    [InlineData("* one\n* two", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>")]
    public void Markdown_only_blocks_stay_plain_text(string text, string html) => Assert.Equal(html, MessageFormatter.ToHtml(text));
}
