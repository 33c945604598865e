#pragma once

#include <QFormLayout>
#include <QFrame>
#include <QLabel>
#include <QPointer>
#include <QStringList>
#include <QUrl>
#include <QVBoxLayout>
#include <QWidget>

#include <functional>

namespace hs::ui {

// One titled block of "label: value" rows. Keeps a plain-text copy of what
// it shows (for tests and copying) and the labels that link to paths.
class InfoSection final : public QWidget
{
public:
    InfoSection(const QString &title, QWidget *parent) : QWidget(parent)
    {
        auto *layout = new QVBoxLayout(this);
        layout->setContentsMargins(0, 0, 0, 6);
        layout->setSpacing(4);
        auto *head = new QLabel(title, this);
        QFont f = head->font();
        f.setBold(true);
        head->setFont(f);
        auto *line = new QFrame(this);
        line->setFrameShape(QFrame::HLine);
        line->setFrameShadow(QFrame::Plain);
        line->setStyleSheet(QStringLiteral("color: palette(midlight);"));
        layout->addWidget(head);
        layout->addWidget(line);
        m_form = new QFormLayout;
        m_form->setContentsMargins(4, 2, 0, 0);
        m_form->setHorizontalSpacing(12);
        m_form->setVerticalSpacing(5);
        m_form->setLabelAlignment(Qt::AlignLeft | Qt::AlignTop);
        m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        m_form->setRowWrapPolicy(QFormLayout::DontWrapRows);
        layout->addLayout(m_form);
    }

    void clearRows()
    {
        while (m_form->rowCount() > m_keep)
            m_form->removeRow(m_keep);
        m_lines = m_keptLines;
        m_links.clear();
    }
    // Rows added before this stay when the section is cleared.
    void keepCurrentRows()
    {
        m_keep = m_form->rowCount();
        m_keptLines = m_lines;
    }

    QLabel *addRow(const QString &label, const QString &html, const QString &plain)
    {
        QLabel *value = valueLabel(html);
        m_form->addRow(nameLabel(label), value);
        m_lines << (label.isEmpty() ? plain : QStringLiteral("%1: %2").arg(label, plain));
        return value;
    }
    // A row whose value is a list of lines (one label each, so each link is its own target).
    void addListRow(const QString &label, const QList<QPair<QString, QString>> &htmlAndPlain)
    {
        auto *box = new QWidget(this);
        auto *v = new QVBoxLayout(box);
        v->setContentsMargins(0, 0, 0, 0);
        v->setSpacing(2);
        QStringList plains;
        for (const auto &[html, plain] : htmlAndPlain) {
            v->addWidget(valueLabel(html));
            plains << plain;
        }
        m_form->addRow(nameLabel(label), box);
        m_lines << QStringLiteral("%1: %2").arg(label, plains.join(QStringLiteral(", ")));
    }
    void addWidgetRow(QWidget *w) { m_form->addRow(w); }

    QString plainText() const { return m_lines.join(QLatin1Char('\n')); }
    QLabel *linkLabel(const QString &path) const
    {
        for (QLabel *l : m_links)
            if (l && l->property("hsPath").toString() == path)
                return l;
        return nullptr;
    }
    std::function<void(const QString &)> onLink;

protected:
    // A wrapped value's layout item caches its height for a width; values
    // added while the section was hidden can keep a height measured before
    // they were shown (a dangling link's status lost its last line). Measure
    // again once the section is on screen.
    void showEvent(QShowEvent *event) override
    {
        QWidget::showEvent(event);
        for (QLabel *l : findChildren<QLabel *>())
            if (l->wordWrap())
                l->updateGeometry();
    }

private:
    QLabel *nameLabel(const QString &text)
    {
        auto *name = new QLabel(text, this);
        name->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
        // One label column width in every section, so the values line up.
        name->setMinimumWidth(name->fontMetrics().horizontalAdvance(tr("Attribute order")) + 4);
        return name;
    }

    // Long names without spaces (file paths, HDF5 error text quoting them)
    // would otherwise be one unbreakable word wider than the panel: the label
    // then overflows on the right and its rows run into the next one. In a
    // word longer than LongWord characters (outside tags), a zero-width space
    // after each '/', '_' and '.' (and every LongWord characters without one)
    // lets it wrap there; short paths stay whole.
    static QString breakable(const QString &html)
    {
        constexpr int LongWord = 24;
        QString out, word;
        out.reserve(html.size() + html.size() / 8);
        const auto flush = [&] {
            if (word.size() <= LongWord) {
                out += word;
            } else {
                int run = 0;
                bool entity = false;
                for (const QChar c : std::as_const(word)) {
                    out += c;
                    entity = entity ? c != QLatin1Char(';') : c == QLatin1Char('&');
                    ++run;
                    const bool mark = !entity && (c == QLatin1Char('/') || c == QLatin1Char('_') || c == QLatin1Char('.'));
                    if (mark || run >= LongWord) {
                        out += QChar(0x200B);
                        run = 0;
                    }
                }
            }
            word.clear();
        };
        bool inTag = false;
        for (const QChar c : html) {
            if (inTag) {
                out += c;
                inTag = c != QLatin1Char('>');
            } else if (c == QLatin1Char('<')) {
                flush();
                out += c;
                inTag = true;
            } else if (c.isSpace()) {
                flush();
                out += c;
            } else {
                word += c;
            }
        }
        flush();
        return out;
    }

    QLabel *valueLabel(const QString &html)
    {
        auto *value = new QLabel(breakable(html), this);
        value->setTextFormat(Qt::RichText);
        value->setWordWrap(true);
        value->setAlignment(Qt::AlignLeft | Qt::AlignTop);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
        if (html.contains(QLatin1String("<a "))) {
            // The first link names the label (tests and accessibility).
            const int at = html.indexOf(QLatin1String("href='")) + 6;
            value->setProperty("hsPath", QUrl::fromPercentEncoding(html.mid(at, html.indexOf(QLatin1Char('\''), at) - at).toLatin1()));
            QObject::connect(value, &QLabel::linkActivated, this, [this](const QString &href) {
                if (onLink)
                    onLink(QUrl::fromPercentEncoding(href.toLatin1()));
            });
            m_links << value;
        }
        return value;
    }

    QFormLayout *m_form;
    QStringList m_lines, m_keptLines;
    int m_keep = 0;
    QList<QPointer<QLabel>> m_links;
};

} // namespace hs::ui
