using Microsoft.Playwright;

namespace BackCare.Browser.Tests;

/// <summary>Drives a page the way a person with only a keyboard does: Tab, arrows, Space and Enter, no clicks.</summary>
internal static class Keyboard
{
    private const int MaxTabs = 150;

    /// <summary>Presses Tab until the focused element matches the script's test, and fails if it never does.</summary>
    public static async Task TabTo(this IPage page, string test, string what)
    {
        for (var i = 0; i < MaxTabs; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>($"() => {{ const e = document.activeElement; return !!e && ({test}); }}"))
            {
                return;
            }
        }

        throw new ShouldAssertException($"Could not reach {what} with the Tab key on {page.Url}.");
    }

    public static Task TabToLink(this IPage page, string text) =>
        page.TabTo($"e.tagName === 'A' && e.textContent.trim().startsWith({Quote(text)})", $"the link '{text}'");

    /// <summary>Follows a link with Tab and Enter.</summary>
    public static async Task FollowLink(this IPage page, string text)
    {
        await page.TabToLink(text);
        await page.PressAndWaitForNextPage("Enter");
    }

    /// <summary>
    /// Answers the question on the page with the keyboard and submits it. On a "tick all that apply" page
    /// the value is the keys to tick, separated by spaces, or "no" for "None of these".
    /// </summary>
    public static async Task Answer(this IPage page, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (await page.Locator("input[type=checkbox][name=tick]").CountAsync() > 0)
        {
            await page.Tick(value == "no" ? ["none"] : value.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            await page.TabTo("e.tagName === 'BUTTON' && e.type === 'submit' && !!e.closest('form.question')", "the Continue button");
            await page.PressAndWaitForNextPage("Enter");
            return;
        }

        var isNumber = await page.Locator("input#answer").CountAsync() > 0;
        if (isNumber)
        {
            await page.TabTo("e.id === 'answer'", "the answer box");
            await page.Keyboard.PressAsync("Control+A");
            await page.Keyboard.TypeAsync(value);
        }
        else
        {
            await page.TabTo("e.name === 'answer'", "the answers");
            var values = await page.Locator("input[name=answer]").EvaluateAllAsync<string[]>("all => all.map(e => e.value)");
            var target = Array.IndexOf(values, value);
            target.ShouldBeGreaterThanOrEqualTo(0, $"'{value}' is not an answer on {page.Url}");
            var current = Array.IndexOf(values, await page.EvaluateAsync<string>("() => document.activeElement.value"));
            if (target == current)
            {
                await page.Keyboard.PressAsync("Space");
            }
            else
            {
                var key = target > current ? "ArrowDown" : "ArrowUp";
                for (var i = 0; i < Math.Abs(target - current); i++)
                {
                    await page.Keyboard.PressAsync(key);
                }
            }

            (await page.Locator($"input[name=answer][value='{value}']").IsCheckedAsync()).ShouldBeTrue();
        }

        await page.TabTo("e.tagName === 'BUTTON' && e.type === 'submit' && !!e.closest('form.question, form.describe, form.understood')", "the Continue button");
        await page.PressAndWaitForNextPage("Enter");
    }

    /// <summary>Ticks these boxes of a group page ("none" is "None of these") with Tab and Space, in page order.</summary>
    public static async Task Tick(this IPage page, IReadOnlyCollection<string> keys)
    {
        var ids = await page.Locator("fieldset input[type=checkbox]").EvaluateAllAsync<string[]>("all => all.map(e => e.id)");
        foreach (var id in ids.Where(id => keys.Contains(id["answer-".Length..])))
        {
            await page.TabTo($"e.id === {Quote(id)}", $"the tick box {id}");
            await page.Keyboard.PressAsync("Space");
            (await page.Locator("#" + id).IsCheckedAsync()).ShouldBeTrue();
        }

        ids.Count(id => keys.Contains(id["answer-".Length..])).ShouldBe(keys.Count, $"every box to tick is on {page.Url}");
    }

    /// <summary>Presses a key that loads a new page, and waits until the new page has loaded.</summary>
    public static async Task PressAndWaitForNextPage(this IPage page, string key)
    {
        await page.EvaluateAsync("() => { window.__backcareOldPage = true; }");
        await page.Keyboard.PressAsync(key);
        await page.WaitForFunctionAsync("() => window.__backcareOldPage !== true");
        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
