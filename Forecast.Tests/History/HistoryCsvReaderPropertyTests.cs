using System.Text;
using FsCheck;
using FsCheck.Xunit;
using Forecast.Scenarios.History;

namespace Forecast.Tests.History;

public class HistoryCsvReaderPropertyTests
{
    private static readonly byte[] Valid = Encoding.UTF8.GetBytes(
        "region,indicator,year,value,unit,source\n" +
        "Liaocheng,hightech_enterprises,2015,51,enterprises,\"plan, L107\"\n" +
        "Liaocheng,hightech_output_share,2020,42.03,percent,\"plan L107 and \"\"table\"\"\"\n" +
        "聊城,rd_intensity,2019,1.87,percent of GDP,plan L105\n");

    [Property(MaxTest = 300)]
    public bool Reader_NeverThrows_AndEitherReadsAllOrReportsLocatedErrors_OnMutatedInput(byte[] insertion, NonNegativeInt at, NonNegativeInt deleteCount)
    {
        byte[] noise = insertion ?? [];
        int position = at.Get % (Valid.Length + 1);
        int delete = Math.Min(deleteCount.Get % 8, Valid.Length - position);
        byte[] mutated = [.. Valid.AsSpan(0, position), .. noise, .. Valid.AsSpan(position + delete)];

        HistoryReadResult result = HistoryCsvReader.Parse(mutated, "mutated.csv");

        return result.IsSuccess
            ? result.Errors.IsEmpty && result.Panel!.ObservationCount > 0
            : !result.Errors.IsEmpty && result.Errors.All(e => e.Line >= 0 && e.Message.StartsWith("mutated.csv", StringComparison.Ordinal));
    }

    [Property(MaxTest = 200)]
    public bool Reader_NeverThrows_OnArbitraryText(NonNull<string> text)
    {
        HistoryReadResult result = HistoryCsvReader.ParseText(text.Get, "arbitrary.csv");
        return result.IsSuccess != result.Errors.Any();
    }
}
