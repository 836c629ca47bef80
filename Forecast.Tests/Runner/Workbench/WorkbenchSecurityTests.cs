using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Forecast.Runner.Workbench;

namespace Forecast.Tests.Runner.Workbench;

/// <summary>The token beyond loopback, the limit on simulations at once, superseded requests, and the page's two languages.</summary>
public sealed class WorkbenchSecurityTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://*:5080", false)]
    [InlineData("http://192.168.1.20:5080", false)]
    public void Loopback_IsRecognised_AndAnythingElseNeedsAToken(string url, bool loopback) =>
        Assert.Equal(loopback, WorkbenchSettings.LoopbackOnly([url]));

    [Fact]
    public void TokenComparison_AcceptsOnlyTheToken()
    {
        string token = WorkbenchSettings.NewToken();
        Assert.True(token.Length >= 32);
        Assert.NotEqual(token, WorkbenchSettings.NewToken());
        Assert.True(WorkbenchSettings.TokenMatches(token, token));
        Assert.False(WorkbenchSettings.TokenMatches(token[..^1], token));
        Assert.False(WorkbenchSettings.TokenMatches(token + "x", token));
        Assert.False(WorkbenchSettings.TokenMatches(null, token));
        Assert.False(WorkbenchSettings.TokenMatches("", token));
    }

    [Fact]
    public async Task BoundBeyondLoopback_EveryRequestNeedsTheToken()
    {
        string token = WorkbenchSettings.NewToken();
        using var factory = new WorkbenchFactory(token, 2, TimeSpan.FromSeconds(30));
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true });
        using (var refused = await client.GetAsync("/api/scenarios"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Contains("token", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/scenarios"))
        {
            wrong.Headers.Add(WorkbenchSettings.TokenHeader, token[..^1] + (token[^1] == 'a' ? 'b' : 'a'));
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrong)).StatusCode);
        }
        // The printed address carries it; the page's later requests carry the cookie it set.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/?token=" + token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/scenarios")).StatusCode);
    }

    [Fact]
    public async Task Gate_RefusesWithAClearMessage_WhenEverySlotStaysBusy()
    {
        using var gate = new SimulationGate(1, TimeSpan.FromMilliseconds(50));
        var release = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        var holder = gate.Run(null, _ =>
        {
            started.SetResult();
            release.Task.Wait(CancellationToken.None);
            return 1;
        }, CancellationToken.None);
        await started.Task;
        Assert.Equal(1, gate.Running);
        var refused = await Assert.ThrowsAsync<ServerBusyException>(() => gate.Run(null, _ => 2, CancellationToken.None));
        Assert.Contains("busy", refused.Message, StringComparison.Ordinal);
        release.SetResult();
        Assert.Equal(1, await holder);
        Assert.Equal(3, await gate.Run(null, _ => 3, CancellationToken.None));
    }

    [Fact]
    public async Task Gate_CancelsTheOlderRequestOfTheSameChannel_WhenANewerOneArrives()
    {
        using var gate = new SimulationGate(2, TimeSpan.FromSeconds(10));
        var started = new TaskCompletionSource();
        var older = gate.Run("page-1/whatif", token =>
        {
            started.SetResult();
            token.WaitHandle.WaitOne(TimeSpan.FromSeconds(20));
            token.ThrowIfCancellationRequested();
            return "older";
        }, CancellationToken.None);
        await started.Task;
        var other = gate.Run("page-2/whatif", _ => "other page", CancellationToken.None);
        Assert.Equal("newer", await gate.Run("page-1/whatif", _ => "newer", CancellationToken.None));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => older);
        Assert.Equal("other page", await other);
    }

    [Fact]
    public async Task ClosedTab_CancelsItsSimulation()
    {
        using var gate = new SimulationGate(1, TimeSpan.FromSeconds(10));
        using var tab = new CancellationTokenSource();
        var started = new TaskCompletionSource();
        var run = gate.Run(null, token =>
        {
            started.SetResult();
            token.WaitHandle.WaitOne(TimeSpan.FromSeconds(20));
            token.ThrowIfCancellationRequested();
            return 0;
        }, tab.Token);
        await started.Task;
        await tab.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(0, gate.Running);
    }

    [Fact]
    public void Strings_EveryKeyHasBothLanguages_AndEveryKeyThePageUsesExists()
    {
        using var doc = JsonDocument.Parse(WorkbenchApi.Resource("strings.json"));
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in doc.RootElement.EnumerateObject())
        {
            keys.Add(entry.Name);
            foreach (string lang in new[] { "en", "zh" })
                Assert.True(entry.Value.TryGetProperty(lang, out var text) && !string.IsNullOrWhiteSpace(text.GetString()), $"'{entry.Name}' has no {lang} text");
            Assert.Equal(2, entry.Value.EnumerateObject().Count());
            // Placeholders agree between the languages.
            Assert.Equal(Regex.Matches(entry.Value.GetProperty("en").GetString()!, @"\{\d\}").Select(m => m.Value).Order(),
                Regex.Matches(entry.Value.GetProperty("zh").GetString()!, @"\{\d\}").Select(m => m.Value).Order());
        }
        string html = WorkbenchApi.Resource("index.html"), js = WorkbenchApi.Resource("app.js");
        var used = Regex.Matches(html, "data-tp?=\"([A-Za-z0-9_]+)\"").Select(m => m.Groups[1].Value)
            .Concat(Regex.Matches(js, @"\bt\('([A-Za-z0-9_]+)'(?!\s*\+)").Select(m => m.Groups[1].Value))
            .Concat(Regex.Matches(js, @"'(role[A-Z][a-z]+|onTrack|atRisk|offTrack)'").Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(used);
        Assert.Empty(used.Except(keys));
        foreach (string parameter in new[] { "value", "mean", "sd", "mu", "sigma", "min", "mode", "max", "alpha", "beta", "dispersion" })
            Assert.Contains("param_" + parameter, keys);
    }
}
