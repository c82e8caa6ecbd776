using System.Text;
using DiffPlex;

namespace Cluster.Grains.Configs;

/// <summary>Unified diffs (the format of <c>diff -u</c> and <c>git diff</c>) of two texts, line by line.</summary>
public static class UnifiedDiff
{
    /// <summary>Lines of unchanged text shown around each change.</summary>
    public const int ContextLines = 3;

    /// <summary>
    /// The diff from <paramref name="oldText"/> to <paramref name="newText"/> with <c>---</c>/<c>+++</c> headers naming
    /// them; empty when the texts have the same lines.
    /// </summary>
    public static string Create(string oldText, string newText, string oldLabel, string newLabel)
    {
        var diff = Differ.Instance.CreateLineDiffs(oldText, newText, ignoreWhitespace: false);
        if (diff.DiffBlocks.Count == 0)
        {
            return string.Empty;
        }

        var oldLines = diff.PiecesOld;
        var newLines = diff.PiecesNew;
        var output = new StringBuilder().Append("--- ").Append(oldLabel).Append('\n').Append("+++ ").Append(newLabel).Append('\n');
        var blocks = diff.DiffBlocks;
        var first = 0;
        while (first < blocks.Count)
        {
            // Blocks whose contexts touch or overlap share one hunk, as diff -u prints them.
            var last = first;
            while (last + 1 < blocks.Count
                && blocks[last + 1].DeleteStartA - (blocks[last].DeleteStartA + blocks[last].DeleteCountA) <= 2 * ContextLines)
            {
                last++;
            }

            var oldStart = Math.Max(0, blocks[first].DeleteStartA - ContextLines);
            var newStart = Math.Max(0, blocks[first].InsertStartB - ContextLines);
            var oldEnd = Math.Min(oldLines.Count, blocks[last].DeleteStartA + blocks[last].DeleteCountA + ContextLines);
            var newEnd = Math.Min(newLines.Count, blocks[last].InsertStartB + blocks[last].InsertCountB + ContextLines);
            output.Append("@@ -").Append(Range(oldStart, oldEnd - oldStart)).Append(" +").Append(Range(newStart, newEnd - newStart)).Append(" @@\n");

            var position = oldStart;
            for (var index = first; index <= last; index++)
            {
                var block = blocks[index];
                AppendLines(output, ' ', oldLines, position, block.DeleteStartA);
                AppendLines(output, '-', oldLines, block.DeleteStartA, block.DeleteStartA + block.DeleteCountA);
                AppendLines(output, '+', newLines, block.InsertStartB, block.InsertStartB + block.InsertCountB);
                position = block.DeleteStartA + block.DeleteCountA;
            }

            AppendLines(output, ' ', oldLines, position, oldEnd);
            first = last + 1;
        }

        return output.ToString();
    }

    // diff -u numbers lines from 1, and an empty range starts at the line before it.
    private static string Range(int start, int count) => count switch
    {
        0 => $"{start},0",
        1 => $"{start + 1}",
        _ => $"{start + 1},{count}",
    };

    private static void AppendLines(StringBuilder output, char mark, IReadOnlyList<string> lines, int from, int to)
    {
        for (var index = from; index < to; index++)
        {
            output.Append(mark).Append(lines[index]).Append('\n');
        }
    }
}
