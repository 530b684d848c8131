using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Peat.Edge.Core.Node;
using Peat.Edge.Core.Wire;
using Peat.Edge.Sim.Engine;
using Peat.Edge.Sim.Faults;
using Peat.Edge.Sim.Links;
using Peat.Edge.Sim.Placement;

namespace Peat.Edge.Sim.Reports
{
    /// <summary>
    /// Draws the end of a run as one self-contained SVG: the final topology (nodes at their positions,
    /// radio links faint, parent edges, roots and leaders ringed, root-capable nodes square, orphans red,
    /// dead nodes grey with a cross, the partition line while cut) above a timeline of attached and alive
    /// nodes with a marker per fault. Built with a StringBuilder and invariant numbers: deterministic.
    /// </summary>
    public static class SvgWriter
    {
        private const double WidthPx = 900;
        private const double MarginPx = 40;
        private const double MapPx = WidthPx - (2 * MarginPx);
        private const double MapTopPx = 56;
        private const double LegendTopPx = MapTopPx + MapPx + 18;
        private const double TimelineTopPx = LegendTopPx + 44;
        private const double TimelineHeightPx = 200;
        private const double HeightPx = TimelineTopPx + TimelineHeightPx + 56;
        private const int RadioLinksDrawnMaxNodes = 300;

        private const string AttachedColour = "#2f855a";
        private const string OrphanColour = "#c53030";
        private const string DeadColour = "#a0aec0";
        private const string EdgeColour = "#2b6cb0";
        private const string RootColour = "#d69e2e";
        private const string LeaderColour = "#805ad5";
        private const string FaultColour = "#c53030";

        /// <summary>The SVG document for <paramref name="world"/> as it is now (normally after Finish).</summary>
        public static string Render(SimWorld world)
        {
            ArgumentNullException.ThrowIfNull(world);
            StringBuilder svg = new StringBuilder(64 * 1024);
            svg.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(N(WidthPx)).Append("\" height=\"").Append(N(HeightPx))
                .Append("\" viewBox=\"0 0 ").Append(N(WidthPx)).Append(' ').Append(N(HeightPx)).Append("\" font-family=\"sans-serif\">\n");
            svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
            Title(svg, world);
            Map(svg, world);
            Legend(svg);
            Timeline(svg, world);
            svg.Append("</svg>\n");
            return svg.ToString();
        }

        private static void Title(StringBuilder svg, SimWorld world)
        {
            SimConfig config = world.Config;
            string title = string.Create(CultureInfo.InvariantCulture,
                $"peat-edge sim — {config.Scenario}, {world.NodeCount} nodes, {LinkParameters.NameOf(config.Link.Kind)}, seed {config.Seed}, t = {world.NowUs / 1e6:0.#} s");
            Text(svg, MarginPx, 24, 16, "start", title, "bold");
            var end = world.LastAttachment;
            string line = string.Create(CultureInfo.InvariantCulture,
                $"alive {end.Alive}/{world.NodeCount}, attached {end.Attached}, orphans {end.Orphans}, cannot attach {end.Unattachable}, trees {end.ValidRoots}, area {config.AreaM:0} m square, range {config.Link.RangeM:0} m, violations {world.InvariantViolationCount}");
            Text(svg, MarginPx, 44, 12, "start", line, null);
        }

        private static void Map(StringBuilder svg, SimWorld world)
        {
            double areaM = world.Config.AreaM;
            svg.Append("<rect x=\"").Append(N(MarginPx)).Append("\" y=\"").Append(N(MapTopPx)).Append("\" width=\"").Append(N(MapPx)).Append("\" height=\"").Append(N(MapPx))
                .Append("\" fill=\"#f7f7f2\" stroke=\"#cbd5e0\"/>\n");
            if (world.NodeCount <= RadioLinksDrawnMaxNodes)
            {
                svg.Append("<g stroke=\"#e2e8f0\" stroke-width=\"0.6\">\n");
                for (int i = 0; i < world.NodeCount; i++)
                {
                    foreach (RadioLink link in world.Graph.LinksOf(i))
                    {
                        if (link.To > i)
                        {
                            Line(svg, world.Plan(i), world.Plan(link.To), areaM, null);
                        }
                    }
                }

                svg.Append("</g>\n");
            }

            if (world.IsPartitioned)
            {
                double x = X(areaM / 2, areaM);
                svg.Append("<line x1=\"").Append(N(x)).Append("\" y1=\"").Append(N(MapTopPx)).Append("\" x2=\"").Append(N(x)).Append("\" y2=\"").Append(N(MapTopPx + MapPx))
                    .Append("\" stroke=\"").Append(FaultColour).Append("\" stroke-width=\"2\" stroke-dasharray=\"8 6\"/>\n");
                Text(svg, x + 6, MapTopPx + 16, 12, "start", "partition", null, FaultColour);
            }

            ParentEdges(svg, world, areaM);
            for (int i = 0; i < world.NodeCount; i++)
            {
                NodeSymbol(svg, world, i, areaM);
            }
        }

        private static void ParentEdges(StringBuilder svg, SimWorld world, double areaM)
        {
            svg.Append("<g stroke-width=\"1.6\">\n");
            for (int i = 0; i < world.NodeCount; i++)
            {
                uint parentId = world.ParentOf(i);
                if (!world.IsAlive(i) || parentId < 1 || parentId > (uint)world.NodeCount)
                {
                    continue;
                }

                int parent = (int)parentId - 1;
                bool good = world.DepthOf(i) > 0 && world.IsAlive(parent);
                Line(svg, world.Plan(i), world.Plan(parent), areaM, good ? EdgeColour : OrphanColour);
            }

            svg.Append("</g>\n");
        }

        private static void NodeSymbol(StringBuilder svg, SimWorld world, int i, double areaM)
        {
            NodePlan plan = world.Plan(i);
            double x = X(plan.XM, areaM);
            double y = Y(plan.YM, areaM);
            bool alive = world.IsAlive(i);
            bool attached = alive && world.DepthOf(i) >= 0;
            bool unattachable = alive && !attached && !world.CanAttach(i);
            string fill = !alive ? DeadColour : attached ? AttachedColour : "#ffffff";
            string stroke = !alive ? "#718096" : attached ? "#22543d" : unattachable ? "#718096" : OrphanColour;
            MeshNode node = world.Node(i);
            if (world.IsRoot(i))
            {
                Circle(svg, x, y, 11, "none", RootColour, 3);
            }
            else if (alive && node.Role == NodeRole.Leader)
            {
                Circle(svg, x, y, 8.5, "none", LeaderColour, 2);
            }

            if (plan.IsRootCapable)
            {
                svg.Append("<rect x=\"").Append(N(x - 5.5)).Append("\" y=\"").Append(N(y - 5.5)).Append("\" width=\"11\" height=\"11\" fill=\"").Append(fill)
                    .Append("\" stroke=\"").Append(stroke).Append("\" stroke-width=\"1.5\"/>\n");
                Text(svg, x + 8, y - 7, 10, "start", plan.NodeId.ToString(CultureInfo.InvariantCulture), "bold");
            }
            else
            {
                bool canParent = (plan.Capabilities & Capabilities.CanParent) != 0;
                Circle(svg, x, y, canParent ? 5 : 3.2, fill, stroke, 1.2);
            }

            if (!alive)
            {
                svg.Append("<path d=\"M").Append(N(x - 4)).Append(' ').Append(N(y - 4)).Append(" L").Append(N(x + 4)).Append(' ').Append(N(y + 4))
                    .Append(" M").Append(N(x - 4)).Append(' ').Append(N(y + 4)).Append(" L").Append(N(x + 4)).Append(' ').Append(N(y - 4))
                    .Append("\" stroke=\"#4a5568\" stroke-width=\"1.5\"/>\n");
                Text(svg, x + 6, y + 12, 10, "start", plan.NodeId.ToString(CultureInfo.InvariantCulture), null, "#4a5568");
            }
        }

        private static void Legend(StringBuilder svg)
        {
            double y = LegendTopPx;
            double x = MarginPx;
            svg.Append("<rect x=\"").Append(N(x)).Append("\" y=\"").Append(N(y - 5.5)).Append("\" width=\"11\" height=\"11\" fill=\"").Append(AttachedColour).Append("\" stroke=\"#22543d\"/>\n");
            Text(svg, x + 16, y + 4, 11, "start", "root-capable", null);
            Circle(svg, x + 110, y, 5, AttachedColour, "#22543d", 1.2);
            Text(svg, x + 120, y + 4, 11, "start", "can parent", null);
            Circle(svg, x + 205, y, 3.2, AttachedColour, "#22543d", 1.2);
            Text(svg, x + 214, y + 4, 11, "start", "leaf (green = attached)", null);
            Circle(svg, x + 365, y, 4, "#ffffff", OrphanColour, 1.2);
            Text(svg, x + 374, y + 4, 11, "start", "orphan", null);
            Circle(svg, x + 425, y, 4, "#ffffff", "#718096", 1.2);
            Text(svg, x + 434, y + 4, 11, "start", "cannot attach", null);
            Circle(svg, x + 525, y, 4, DeadColour, "#718096", 1.2);
            Text(svg, x + 534, y + 4, 11, "start", "dead", null);
            Circle(svg, x + 580, y, 9, "none", RootColour, 3);
            Text(svg, x + 595, y + 4, 11, "start", "root", null);
            Circle(svg, x + 640, y, 7, "none", LeaderColour, 2);
            Text(svg, x + 652, y + 4, 11, "start", "leader", null);
            svg.Append("<line x1=\"").Append(N(x + 700)).Append("\" y1=\"").Append(N(y)).Append("\" x2=\"").Append(N(x + 725)).Append("\" y2=\"").Append(N(y))
                .Append("\" stroke=\"").Append(EdgeColour).Append("\" stroke-width=\"1.6\"/>\n");
            Text(svg, x + 730, y + 4, 11, "start", "parent", null);
        }

        private static void Timeline(StringBuilder svg, SimWorld world)
        {
            double top = TimelineTopPx;
            double durationUs = Math.Max(1, world.Config.DurationUs);
            double yMax = Math.Max(1, world.NodeCount);
            Text(svg, MarginPx, top - 10, 13, "start", "attached nodes over virtual time (green), alive (grey dashed), faults (red)", "bold");
            svg.Append("<rect x=\"").Append(N(MarginPx)).Append("\" y=\"").Append(N(top)).Append("\" width=\"").Append(N(MapPx)).Append("\" height=\"").Append(N(TimelineHeightPx))
                .Append("\" fill=\"#fbfbf8\" stroke=\"#cbd5e0\"/>\n");
            for (int tick = 0; tick <= 5; tick++)
            {
                double tUs = durationUs * tick / 5;
                double x = MarginPx + (MapPx * tick / 5);
                svg.Append("<line x1=\"").Append(N(x)).Append("\" y1=\"").Append(N(top + TimelineHeightPx)).Append("\" x2=\"").Append(N(x)).Append("\" y2=\"").Append(N(top + TimelineHeightPx + 5))
                    .Append("\" stroke=\"#718096\"/>\n");
                Text(svg, x, top + TimelineHeightPx + 18, 11, "middle", (tUs / 1e6).ToString("0.#", CultureInfo.InvariantCulture) + " s", null);
            }

            Text(svg, MarginPx - 6, top + 4, 11, "end", ((int)yMax).ToString(CultureInfo.InvariantCulture), null);
            Text(svg, MarginPx - 6, top + TimelineHeightPx + 4, 11, "end", "0", null);
            Series(svg, world.Timeline, durationUs, yMax, alive: true);
            Series(svg, world.Timeline, durationUs, yMax, alive: false);
            if (world.FormationUs.HasValue)
            {
                double x = MarginPx + (MapPx * world.FormationUs.Value / durationUs);
                VerticalMarker(svg, x, top, AttachedColour, "formed", 13); // bottom row, clear of the fault labels
            }

            IReadOnlyList<FaultRecord> faults = world.Faults;
            for (int k = 0; k < faults.Count; k++)
            {
                FaultRecord fault = faults[k];
                double x = MarginPx + (MapPx * fault.AtUs / durationUs);
                string label = FaultNames.Of(fault.Kind) + (fault.NodeId.HasValue ? " " + fault.NodeId.Value.ToString(CultureInfo.InvariantCulture) : "");
                VerticalMarker(svg, x, top, FaultColour, label, k % 3);
            }
        }

        // A step line through the samples, keeping only the points where the value changes.
        private static void Series(StringBuilder svg, IReadOnlyList<TimelineSample> samples, double durationUs, double yMax, bool alive)
        {
            if (samples.Count == 0)
            {
                return;
            }

            svg.Append("<polyline fill=\"none\" stroke=\"").Append(alive ? "#a0aec0" : AttachedColour).Append("\" stroke-width=\"").Append(alive ? "1.5" : "2")
                .Append(alive ? "\" stroke-dasharray=\"5 4\"" : "\"").Append(" points=\"");
            int previous = int.MinValue;
            for (int k = 0; k < samples.Count; k++)
            {
                int value = alive ? samples[k].Alive : samples[k].Attached;
                bool last = k == samples.Count - 1;
                if (value == previous && !last)
                {
                    continue;
                }

                double x = MarginPx + (MapPx * samples[k].AtUs / durationUs);
                if (previous != int.MinValue)
                {
                    svg.Append(N(x)).Append(',').Append(N(TimelineY(previous, yMax))).Append(' ');
                }

                svg.Append(N(x)).Append(',').Append(N(TimelineY(value, yMax))).Append(' ');
                previous = value;
            }

            svg.Append("\"/>\n");
        }

        private static double TimelineY(int value, double yMax)
        {
            return TimelineTopPx + TimelineHeightPx - (TimelineHeightPx * value / yMax);
        }

        private static void VerticalMarker(StringBuilder svg, double x, double top, string colour, string label, int row)
        {
            svg.Append("<line x1=\"").Append(N(x)).Append("\" y1=\"").Append(N(top)).Append("\" x2=\"").Append(N(x)).Append("\" y2=\"").Append(N(top + TimelineHeightPx))
                .Append("\" stroke=\"").Append(colour).Append("\" stroke-width=\"1.2\" stroke-dasharray=\"3 3\"/>\n");
            double labelY = row >= 13 ? top + TimelineHeightPx - 6 : top + 14 + (row * 13);
            Text(svg, x + 3, labelY, 10, "start", label, null, colour);
        }

        private static void Line(StringBuilder svg, NodePlan from, NodePlan to, double areaM, string? colour)
        {
            svg.Append("<line x1=\"").Append(N(X(from.XM, areaM))).Append("\" y1=\"").Append(N(Y(from.YM, areaM)))
                .Append("\" x2=\"").Append(N(X(to.XM, areaM))).Append("\" y2=\"").Append(N(Y(to.YM, areaM))).Append('"');
            if (colour != null)
            {
                svg.Append(" stroke=\"").Append(colour).Append('"');
            }

            svg.Append("/>\n");
        }

        private static void Circle(StringBuilder svg, double x, double y, double r, string fill, string stroke, double strokeWidth)
        {
            svg.Append("<circle cx=\"").Append(N(x)).Append("\" cy=\"").Append(N(y)).Append("\" r=\"").Append(N(r)).Append("\" fill=\"").Append(fill)
                .Append("\" stroke=\"").Append(stroke).Append("\" stroke-width=\"").Append(N(strokeWidth)).Append("\"/>\n");
        }

        private static void Text(StringBuilder svg, double x, double y, double size, string anchor, string text, string? weight, string colour = "#1a202c")
        {
            svg.Append("<text x=\"").Append(N(x)).Append("\" y=\"").Append(N(y)).Append("\" font-size=\"").Append(N(size)).Append("\" text-anchor=\"").Append(anchor)
                .Append("\" fill=\"").Append(colour).Append('"');
            if (weight != null)
            {
                svg.Append(" font-weight=\"").Append(weight).Append('"');
            }

            svg.Append('>').Append(Escape(text)).Append("</text>\n");
        }

        private static double X(double xM, double areaM) => MarginPx + (MapPx * xM / areaM);

        private static double Y(double yM, double areaM) => MapTopPx + MapPx - (MapPx * yM / areaM);

        private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

        private static string Escape(string text)
        {
            return text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
        }
    }
}
