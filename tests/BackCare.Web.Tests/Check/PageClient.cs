using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace BackCare.Web.Tests.Check;

/// <summary>A browser without script: fetches pages, follows links and submits forms as they are in the HTML.</summary>
internal sealed class PageClient(HttpClient client)
{
    private static readonly HtmlParser Parser = new();

    public IHtmlDocument Document { get; private set; } = null!;

    public Uri Address { get; private set; } = null!;

    public HttpResponseMessage Response { get; private set; } = null!;

    public string Path => Address.AbsolutePath;

    public async Task Open(string url)
    {
        Response?.Dispose();
        Response = await client.GetAsync(url);
        await Read();
    }

    public async Task FollowLink(string text)
    {
        var links = Document.QuerySelectorAll("a").OfType<IHtmlAnchorElement>().ToList();
        var link = links.FirstOrDefault(a => a.TextContent.Trim() == text)
            ?? links.FirstOrDefault(a => a.TextContent.Trim().StartsWith(text, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No link '{text}' on {Address}.");
        await Open(link.GetAttribute("href")!);
    }

    /// <summary>
    /// Submits the page's form with the given answer, keeping every hidden field (state and antiforgery token).
    /// On a "tick all that apply" page the answer is the keys to tick, separated by spaces; "no" ticks
    /// "None of these"; an empty answer ticks nothing.
    /// </summary>
    public async Task Submit(string answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (IsGroup)
        {
            await Submit(answer == "no" ? [KeyValuePair.Create("none", "true")]
                : answer.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(key => KeyValuePair.Create("tick", key)));
            return;
        }

        await Submit([KeyValuePair.Create("answer", answer)]);
    }

    /// <summary>True when the page is a "tick all that apply" question.</summary>
    public bool IsGroup => Document.QuerySelector("form.question input[type=checkbox][name=tick]") is not null;

    /// <summary>Submits the page's form with these fields besides the hidden ones.</summary>
    public async Task Submit(IEnumerable<KeyValuePair<string, string>> answers)
    {
        var form = Document.QuerySelector("form.question") as IHtmlFormElement
            ?? throw new InvalidOperationException($"No question form on {Address}.");
        var fields = form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>()
            .Select(i => KeyValuePair.Create(i.Name!, i.Value))
            .Concat(answers)
            .ToList();
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? Address.PathAndQuery : form.GetAttribute("action")!;
        Response.Dispose();
        using var content = new FormUrlEncodedContent(fields);
        Response = await client.PostAsync(action, content);
        await Read();
    }

    /// <summary>Posts form fields to an address, as a form with those fields would.</summary>
    public async Task Post(string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        Response?.Dispose();
        using var content = new FormUrlEncodedContent(fields);
        Response = await client.PostAsync(action, content);
        await Read();
    }

    /// <summary>Another page on the same browser (sharing its cookies).</summary>
    public PageClient Clone() => new(client);

    /// <summary>Takes over the page another client has loaded.</summary>
    public void Adopt(PageClient other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Document = other.Document;
        Address = other.Address;
        Response = other.Response;
    }

    private async Task Read()
    {
        Address = Response.RequestMessage!.RequestUri!;
        Document = Parser.ParseDocument(await Response.Content.ReadAsStringAsync());
    }
}
