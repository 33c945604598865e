#include "model/referencetarget.h"

#include <QList>

namespace hs::core {

namespace {

// "(2,2)" -> {2, 2}; false when it is not a parenthesised list of numbers.
bool parseCoords(QStringView text, std::vector<quint64> &out)
{
    text = text.trimmed();
    if (text.size() < 2 || text.front() != u'(' || text.back() != u')')
        return false;
    out.clear();
    for (QStringView part : text.mid(1, text.size() - 2).split(u',')) {
        bool ok = false;
        const quint64 v = part.trimmed().toULongLong(&ok);
        if (!ok)
            return false;
        out.push_back(v);
    }
    return true;
}

// The items of a region between the braces: "(2,2)-(7,7), (3,3)-(5,5)" or
// "(6,9), (2,2)", possibly ending in ", …". Commas inside parentheses belong
// to the coordinates, so items split at depth 0 only.
bool parseRegion(QStringView body, ReferenceTarget &t)
{
    if (body.trimmed() == u"all") {
        t.kind = ReferenceTarget::Kind::RegionAll;
        return true;
    }
    std::vector<QStringView> items;
    int depth = 0;
    qsizetype from = 0;
    for (qsizetype i = 0; i < body.size(); ++i) {
        const QChar c = body[i];
        if (c == u'(')
            ++depth;
        else if (c == u')')
            --depth;
        else if (c == u',' && depth == 0) {
            items.push_back(body.mid(from, i - from).trimmed());
            from = i + 1;
        }
    }
    items.push_back(body.mid(from).trimmed());
    if (!items.empty() && items.back() == u"\u2026") {
        t.truncated = true;
        items.pop_back();
    }
    if (items.empty())
        return false;
    bool blocks = false, points = false;
    for (QStringView item : items) {
        ReferenceTarget::Block b;
        // A block is "(a,b)-(c,d)"; a point is "(a,b)".
        const qsizetype dash = item.indexOf(u")-(");
        if (dash >= 0) {
            if (!parseCoords(item.left(dash + 1), b.start) || !parseCoords(item.mid(dash + 2), b.end)
                || b.start.size() != b.end.size())
                return false;
            blocks = true;
        } else {
            if (!parseCoords(item, b.start))
                return false;
            b.end = b.start;
            points = true;
        }
        t.blocks.push_back(std::move(b));
    }
    if (blocks == points)
        return false; // empty, or blocks and points mixed: not text we write
    t.kind = blocks ? ReferenceTarget::Kind::RegionBlocks : ReferenceTarget::Kind::RegionPoints;
    return true;
}

} // namespace

ReferenceTarget ReferenceTarget::parse(const QString &text)
{
    ReferenceTarget t;
    const QString s = text.trimmed();
    if (!s.startsWith(u'/'))
        return t; // "NULL", "(dangling reference)", "?", ...
    // Paths may hold spaces, " {" and " @"; the suffix the resolver adds is
    // always the last one, so split there.
    if (s.endsWith(u'}')) {
        const qsizetype brace = s.lastIndexOf(QStringLiteral(" {"));
        if (brace > 0) {
            ReferenceTarget r;
            if (parseRegion(QStringView(s).mid(brace + 2, s.size() - brace - 3), r)) {
                r.path = s.left(brace);
                return r;
            }
            if (s.mid(brace) == QStringLiteral(" {none}") || s.mid(brace) == QStringLiteral(" {?}")) {
                // A region that selects nothing, or whose selection could not be read: the object is still known.
                t.kind = Kind::Object;
                t.path = s.left(brace);
                return t;
            }
        }
    }
    const qsizetype at = s.lastIndexOf(QStringLiteral(" @"));
    if (at > 0 && at + 2 < s.size()) {
        t.kind = Kind::Attribute;
        t.path = s.left(at);
        t.attribute = s.mid(at + 2);
        return t;
    }
    t.kind = Kind::Object;
    t.path = s;
    return t;
}

} // namespace hs::core
