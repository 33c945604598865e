#include "textviewer.h"

#include "textdocument.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSplitter>
#include <QSyntaxHighlighter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace td = hyperslab::textdocument;

namespace {

constexpr quint64 MaxStrings = 1000;
constexpr qsizetype MaxParsedChars = 2 << 20;

// Colours by token: keys, strings, numbers and literals; tags and attributes.
class DocumentHighlighter : public QSyntaxHighlighter
{
public:
    DocumentHighlighter(QTextDocument *doc) : QSyntaxHighlighter(doc) {}
    void setKind(td::Kind kind)
    {
        m_kind = kind;
        rehighlight();
    }

protected:
    void highlightBlock(const QString &text) override
    {
        auto apply = [&](const QRegularExpression &re, const QColor &c, int group = 0) {
            QTextCharFormat f;
            f.setForeground(c);
            for (auto it = re.globalMatch(text); it.hasNext();) {
                const auto m = it.next();
                setFormat(int(m.capturedStart(group)), int(m.capturedLength(group)), f);
            }
        };
        static const QRegularExpression number(QStringLiteral("(?<![\\w.])-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?\\b"));
        static const QRegularExpression literal(QStringLiteral("\\b(true|false|null|True|False|None|~)\\b"));
        static const QRegularExpression string(QStringLiteral("\"(?:[^\"\\\\]|\\\\.)*\""));
        static const QRegularExpression jsonKey(QStringLiteral("(\"(?:[^\"\\\\]|\\\\.)*\")\\s*:"));
        static const QRegularExpression tag(QStringLiteral("</?[\\w:.-]+|/?>"));
        static const QRegularExpression attr(QStringLiteral("([\\w:.-]+)="));
        static const QRegularExpression yamlKey(QStringLiteral("^\\s*(?:- )?([^:#]+):(?=\\s|$)"));
        static const QRegularExpression comment(QStringLiteral("(#.*$|<!--.*-->)"));
        apply(number, QColor(0x09, 0x86, 0x58));
        apply(literal, QColor(0x00, 0x00, 0xff));
        switch (m_kind) {
        case td::Kind::Json:
            apply(string, QColor(0xa3, 0x15, 0x15));
            apply(jsonKey, QColor(0x00, 0x51, 0x9e), 1);
            break;
        case td::Kind::Xml:
            apply(string, QColor(0xa3, 0x15, 0x15));
            apply(tag, QColor(0x80, 0x00, 0x00));
            apply(attr, QColor(0xe5, 0x00, 0x00), 1);
            apply(comment, QColor(0x6a, 0x99, 0x55));
            break;
        case td::Kind::Yaml:
            apply(string, QColor(0xa3, 0x15, 0x15));
            apply(yamlKey, QColor(0x00, 0x51, 0x9e), 1);
            apply(comment, QColor(0x6a, 0x99, 0x55));
            break;
        default: break;
        }
    }

private:
    td::Kind m_kind = td::Kind::None;
};

// A chooser of the documents found (the dataset's strings, its attributes),
// a folded tree beside the pretty-printed text, and a search field.
class DocumentView : public QWidget
{
public:
    DocumentView(std::shared_ptr<hyperslab::ViewerData> data, QWidget *parent)
        : QWidget(parent), m_data(std::move(data)), m_source(new QComboBox(this)), m_search(new QLineEdit(this)),
          m_status(new QLabel(this)), m_tree(new QTreeWidget(this)), m_text(new QPlainTextEdit(this))
    {
        setObjectName(QStringLiteral("documentView"));
        m_source->setObjectName(QStringLiteral("documentSource"));
        m_search->setObjectName(QStringLiteral("documentSearch"));
        m_status->setObjectName(QStringLiteral("documentStatus"));
        m_tree->setObjectName(QStringLiteral("documentTree"));
        m_text->setObjectName(QStringLiteral("documentText"));
        m_search->setPlaceholderText(tr("Search (Enter: next)"));
        m_search->setClearButtonEnabled(true);
        m_tree->setHeaderHidden(true);
        m_text->setReadOnly(true);
        m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
        m_text->setFont(QFont(QStringLiteral("monospace")));
        m_highlighter = new DocumentHighlighter(m_text->document());
        auto *top = new QHBoxLayout;
        top->addWidget(m_source, 1);
        top->addWidget(m_search, 1);
        auto *split = new QSplitter(this);
        split->addWidget(m_tree);
        split->addWidget(m_text);
        split->setStretchFactor(1, 2);
        auto *layout = new QVBoxLayout(this);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addLayout(top);
        layout->addWidget(m_status);
        layout->addWidget(split, 1);
        connect(m_source, &QComboBox::currentIndexChanged, this, [this](int i) { show(i); });
        connect(m_search, &QLineEdit::returnPressed, this, [this] { find(true); });
        connect(m_search, &QLineEdit::textChanged, this, [this] { find(false); });

        const hyperslab::ObjectInfo &o = m_data->object();
        for (auto it = o.attributes.begin(); it != o.attributes.end(); ++it) {
            const QString value = it.value().toString();
            if (it.value().typeId() == QMetaType::QString && td::sniff(value) != td::Kind::None)
                m_docs.push_back({tr("attribute %1").arg(it.key()), value});
        }
        if (o.typeClass == QLatin1String("string")) {
            m_status->setText(tr("Reading…"));
            m_data->requestStrings(MaxStrings, this, [this](const QStringList &strings, const QString &error) {
                if (!error.isEmpty()) {
                    m_status->setText(error);
                    return;
                }
                std::vector<Doc> found;
                for (qsizetype i = 0; i < strings.size(); ++i)
                    if (td::sniff(strings[i]) != td::Kind::None)
                        found.push_back({strings.size() == 1 ? tr("value") : tr("value [%1]").arg(i), strings[i]});
                m_docs.insert(m_docs.begin(), found.begin(), found.end());
                fillSources();
            });
        } else {
            fillSources();
        }
    }

private:
    struct Doc
    {
        QString label, text;
    };

    void fillSources()
    {
        m_source->clear();
        for (const Doc &d : m_docs)
            m_source->addItem(d.label);
        if (m_docs.empty())
            m_status->setText(tr("No JSON, XML or YAML document here."));
        m_source->setVisible(m_docs.size() > 1);
    }

    void show(int i)
    {
        if (i < 0 || size_t(i) >= m_docs.size())
            return;
        const Doc &d = m_docs[size_t(i)];
        // Parsing, re-indenting and colouring run on the GUI thread: a very
        // large document is shown as stored, without tree or colours.
        if (d.text.size() > MaxParsedChars) {
            m_highlighter->setKind(td::Kind::None);
            m_text->setPlainText(d.text);
            m_tree->clear();
            m_status->setText(tr("%1 characters: shown as stored (documents over %2 characters are not parsed).")
                                  .arg(d.text.size())
                                  .arg(MaxParsedChars));
            return;
        }
        const td::Kind kind = td::sniff(d.text);
        QString error;
        QString pretty = td::pretty(kind, d.text, &error);
        if (pretty.endsWith(QLatin1Char('\n')))
            pretty.chop(1); // no empty last line (it would count as one)
        m_text->setPlainText(pretty);
        m_highlighter->setKind(kind);
        m_status->setText(error.isEmpty() ? tr("%1, %2 lines").arg(td::kindName(kind)).arg(m_text->blockCount())
                                          : tr("%1 that does not parse: %2").arg(td::kindName(kind), error));
        m_tree->clear();
        const td::Node root = td::tree(kind, d.text);
        auto *item = new QTreeWidgetItem(m_tree, QStringList{root.text});
        addChildren(item, root);
        m_tree->expandToDepth(1); // folded below the second level
    }

    void addChildren(QTreeWidgetItem *parent, const td::Node &node)
    {
        for (const td::Node &c : node.children)
            addChildren(new QTreeWidgetItem(parent, QStringList{c.text}), c);
    }

    void find(bool next)
    {
        const QString s = m_search->text();
        if (s.isEmpty())
            return;
        if (!next)
            m_text->moveCursor(QTextCursor::Start);
        if (!m_text->find(s)) {
            m_text->moveCursor(QTextCursor::Start);
            if (!m_text->find(s))
                m_status->setText(tr("\"%1\" not found").arg(s));
        }
        // The tree too: the first node holding the text is shown.
        const auto hits = m_tree->findItems(s, Qt::MatchContains | Qt::MatchRecursive);
        if (!hits.isEmpty())
            m_tree->setCurrentItem(hits.first());
    }

    std::shared_ptr<hyperslab::ViewerData> m_data;
    std::vector<Doc> m_docs;
    QComboBox *m_source;
    QLineEdit *m_search;
    QLabel *m_status;
    QTreeWidget *m_tree;
    QPlainTextEdit *m_text;
    DocumentHighlighter *m_highlighter;
};

} // namespace

int TextViewerPlugin::score(const hyperslab::ObjectInfo &object) const
{
    // The head is at most the first 4 KiB of the value.
    if (object.typeClass == QLatin1String("string") && td::sniff(QString::fromUtf8(object.head), false) != td::Kind::None)
        return 80;
    // Documents in the object's string attributes.
    for (auto it = object.attributes.begin(); it != object.attributes.end(); ++it)
        if (it.value().typeId() == QMetaType::QString && td::sniff(it.value().toString()) != td::Kind::None)
            return 20;
    return 0;
}

QWidget *TextViewerPlugin::createView(std::shared_ptr<hyperslab::ViewerData> data, QWidget *parent)
{
    return new DocumentView(std::move(data), parent);
}
