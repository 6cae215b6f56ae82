import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Radio, RadioGroup, SearchBox, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact, ContactMerge, ContactSummary } from '../../../preload/contract';
import { bridge } from '../../bridge';
import { callerErrorText, formatTime } from './caller-text';

const SEARCH_DELAY_MS = 120;

const useStyles = makeStyles({
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap', overflowWrap: 'anywhere' },
});

const describe = (c: ContactSummary, unnamed: string): string => [c.name ?? unnamed, c.phones.join(', '), c.address].filter(Boolean).join(' · ');

/**
 * Two contacts that are the same person: another contact folds into this one (its numbers,
 * addresses, flags, notes and history show here). Audited; each merge can be undone here.
 */
export function MergeDialog({ contact, onClose }: { contact: Contact; onClose(changed: boolean): void }) {
  const { t, i18n } = useTranslation();
  const styles = useStyles();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<ContactSummary[]>([]);
  const [chosen, setChosen] = useState('');
  const [merges, setMerges] = useState<ContactMerge[] | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [changed, setChanged] = useState(false);
  const unnamed = t('callers.unnamed');
  /** After a merge or an undo the button pressed is gone or disabled: focus goes back to the search. */
  const searchRef = useRef<HTMLInputElement>(null);

  const loadMerges = (): void => {
    bridge()
      .request('contacts.merges', { contactId: contact.id })
      .then(setMerges, (failure: unknown) => setMessage({ text: callerErrorText(t, failure), error: true }));
  };
  // Once per contact (loadMerges is a new function on every render).
  useEffect(loadMerges, [contact.id]);

  useEffect(() => {
    const trimmed = query.trim();
    if (trimmed === '') {
      setResults([]);
      return;
    }
    const timer = setTimeout(() => {
      bridge()
        .request('contacts.search', { query: trimmed, limit: 20 })
        .then(
          (found) => setResults(found.filter((c) => c.id !== contact.id)),
          (failure: unknown) => setMessage({ text: callerErrorText(t, failure), error: true }),
        );
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query, contact.id, t]);

  const selected = results.find((c) => c.id === chosen) ?? null;

  const merge = (): void => {
    if (!selected) return;
    bridge()
      .request('contacts.merge', { survivorId: contact.id, mergedId: selected.id })
      .then(
        () => {
          setMessage({ text: t('callers.merge.done', { name: selected.name ?? unnamed }), error: false });
          setChanged(true);
          setChosen('');
          setQuery('');
          searchRef.current?.focus();
          loadMerges();
        },
        (failure: unknown) => setMessage({ text: callerErrorText(t, failure), error: true }),
      );
  };

  const unmerge = (item: ContactMerge): void => {
    bridge()
      .request('contacts.unmerge', { mergeId: item.mergeId })
      .then(
        () => {
          setMessage({ text: t('callers.merge.undone', { name: item.mergedName ?? unnamed }), error: false });
          setChanged(true);
          searchRef.current?.focus();
          loadMerges();
        },
        (failure: unknown) => setMessage({ text: callerErrorText(t, failure), error: true }),
      );
  };

  return (
    <Dialog open modalType="modal" onOpenChange={(_, data) => !data.open && onClose(changed)}>
      <DialogSurface aria-describedby={undefined} data-testid="contact-merge-dialog">
        <DialogBody>
          <DialogTitle>{t('callers.merge.title', { name: contact.name ?? unnamed })}</DialogTitle>
          <DialogContent className={styles.body}>
            <section className={styles.section} aria-labelledby="merge-into-heading">
              <h3 id="merge-into-heading" className={styles.heading}>
                {t('callers.merge.findHeading')}
              </h3>
              <Text>{t('callers.merge.explain', { name: contact.name ?? unnamed })}</Text>
              <Field label={t('callers.merge.search')}>
                <SearchBox ref={searchRef} value={query} maxLength={200} autoComplete="off" onChange={(_, data) => setQuery(data.value)} />
              </Field>
              {results.length > 0 ? (
                <Field label={t('callers.merge.candidates')}>
                  <RadioGroup value={chosen} onChange={(_, data) => setChosen(data.value)}>
                    {results.map((c) => (
                      <Radio key={c.id} value={c.id} label={describe(c, unnamed)} />
                    ))}
                  </RadioGroup>
                </Field>
              ) : query.trim() !== '' ? (
                <Text>{t('callers.noResults', { query: query.trim() })}</Text>
              ) : null}
              <div className={styles.row}>
                <Button appearance="primary" disabled={!selected} onClick={merge}>
                  {selected ? t('callers.merge.confirm', { merged: selected.name ?? unnamed, survivor: contact.name ?? unnamed }) : t('callers.merge.button')}
                </Button>
              </div>
            </section>
            <section className={styles.section} aria-labelledby="merge-list-heading">
              <h3 id="merge-list-heading" className={styles.heading}>
                {t('callers.merge.listHeading')}
              </h3>
              {merges === null ? null : merges.length === 0 ? (
                <Text>{t('callers.merge.none')}</Text>
              ) : (
                <ul className={styles.list} data-testid="contact-merges">
                  {merges.map((item) => (
                    <li key={item.mergeId} className={styles.row}>
                      <Text>{t('callers.merge.item', { name: item.mergedName ?? unnamed, at: formatTime(item.mergedAt, i18n.language), by: item.mergedBy })}</Text>
                      <Button size="small" onClick={() => unmerge(item)}>
                        {t('callers.merge.undo', { name: item.mergedName ?? unnamed })}
                      </Button>
                    </li>
                  ))}
                </ul>
              )}
            </section>
            {message ? <Text role={message.error ? 'alert' : 'status'}>{message.text}</Text> : null}
          </DialogContent>
          <DialogActions>
            <Button onClick={() => onClose(changed)}>{t('callers.close')}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
