"""The examples of the rules that look entries up or check their identifiers (reference-not-found,
reference-identifier-mismatch, reference-metadata-mismatch, reference-retracted,
reference-unverified, doi-invalid, isbn-invalid, issn-invalid): rule name -> (bad example, fixed
example), with the index answers each needs.
"""

from __future__ import annotations

from citecheck.rule_examples import RuleExample

# Recorded index answers (citecheck fetch --check-references writes them to snapshots/references.json)
# are written here in the APIs' documented shapes; 10.5555 is Crossref's prefix for test DOIs.


def reference_examples() -> dict[str, tuple[RuleExample, RuleExample]]:
    from citecheck.references.clients import IndexURLs, bibliographic_query, openlibrary_params
    from citecheck.rule_examples import records as r

    urls = IndexURLs()
    on = {"check-references": True}
    thaw_title = "Returnees from the Gulag and the Thaw"
    thaw_doi = "10.5555/thaw.2018.0007"
    thaw_authors = [("Vera", "Orlova")]
    thaw_cr = r.crossref_item(thaw_doi, thaw_title, thaw_authors, 2018, container="Journal of Example Studies",
                              volume="7", page="101-124")
    thaw_oa = r.openalex_work(thaw_doi, thaw_title, thaw_authors, 2018, container="Journal of Example Studies",
                              volume="7", first_page="101", last_page="124")
    thaw_records = {urls.crossref_work(thaw_doi): r.crossref_work(thaw_cr), urls.openalex_work(thaw_doi): thaw_oa}

    def thaw_bib(doi: str = thaw_doi, year: str = "2018", pages: str = "101--124") -> str:
        return f"""\
@article{{orlova2018returnees,
  author  = {{Orlova, Vera}},
  title   = {{{thaw_title}}},
  journal = {{Journal of Example Studies}},
  volume  = {{7}},
  pages   = {{{pages}}},
  year    = {{{year}}},
  doi     = {{{doi}}},
}}
"""
    thaw_essay = "Many returnees from the camps found their old flats taken (Orlova, 2018, p. 115).\n"

    watson_doi = "10.1038/171737a0"
    watson_title = "Molecular Structure of Nucleic Acids: A Structure for Deoxyribose Nucleic Acid"
    watson_authors = [("J. D.", "Watson"), ("F. H. C.", "Crick")]
    watson = {urls.crossref_work(watson_doi): r.crossref_work(r.crossref_item(
                  watson_doi, watson_title, watson_authors, 1953, container="Nature", volume="171", issue="4356",
                  page="737-738")),
              urls.openalex_work(watson_doi): r.openalex_work(watson_doi, watson_title, watson_authors, 1953,
                                                              container="Nature", volume="171", first_page="737",
                                                              last_page="738")}

    ghost_title = "Collective Memory of the Secret Speech in Provincial Party Cells"
    ghost_query = bibliographic_query(ghost_title, "Halvorsen", "2019")
    ghost_bib = f"""\
@article{{halvorsen2019memory,
  author  = {{Halvorsen, Ingrid}},
  title   = {{{ghost_title}}},
  journal = {{Journal of Provincial Soviet Studies}},
  volume  = {{12}},
  pages   = {{45--67}},
  year    = {{2019}},
}}
"""
    taubman_bib = """\
@book{taubman2003khrushchev,
  author    = {Taubman, William},
  title     = {Khrushchev: The Man and His Era},
  publisher = {W. W. Norton},
  year      = {2003},
}
"""
    taubman_search = {urls.openlibrary_search(openlibrary_params("Khrushchev: The Man and His Era", "Taubman")):
                      r.openlibrary_search([r.openlibrary_doc("Khrushchev", ["William Taubman"], 2003,
                                                              subtitle="The Man and His Era")])}
    empty = {urls.crossref_search(ghost_query): r.crossref_list([]),
             urls.openalex_search(ghost_query): r.openalex_list([])}

    wakefield_doi = "10.1016/S0140-6736(97)11096-0"
    wakefield_title = ("Ileal-lymphoid-nodular hyperplasia, non-specific colitis, and pervasive developmental "
                       "disorder in children")
    wakefield_authors = [("A. J.", "Wakefield"), ("S. H.", "Murch"), ("A.", "Anthony")]
    wakefield_bib = f"""\
@article{{wakefield1998ileal,
  author  = {{Wakefield, A. J. and Murch, S. H. and Anthony, A. and others}},
  title   = {{{wakefield_title}}},
  journal = {{The Lancet}},
  volume  = {{351}},
  pages   = {{637--641}},
  year    = {{1998}},
  doi     = {{{wakefield_doi}}},
}}
"""
    wakefield = {urls.crossref_work(wakefield_doi.lower()): r.crossref_work(r.crossref_item(
                     wakefield_doi, wakefield_title, wakefield_authors, 1998, container="The Lancet", volume="351",
                     page="637-641")),
                 urls.openalex_work(wakefield_doi.lower()): r.openalex_work(
                     wakefield_doi, wakefield_title, wakefield_authors, 1998, container="The Lancet", volume="351",
                     first_page="637", last_page="641", retracted=True)}
    hviid_doi = "10.7326/M18-2101"
    hviid_title = "Measles, Mumps, Rubella Vaccination and Autism: A Nationwide Cohort Study"
    hviid_authors = [("Anders", "Hviid"), ("Jørgen Vinsløv", "Hansen"), ("Morten", "Frisch"), ("Mads", "Melbye")]
    hviid_bib = f"""\
@article{{hviid2019measles,
  author  = {{Hviid, Anders and Hansen, J{{\\o}}rgen Vinsl{{\\o}}v and Frisch, Morten and Melbye, Mads}},
  title   = {{{hviid_title}}},
  journal = {{Annals of Internal Medicine}},
  volume  = {{170}},
  number  = {{8}},
  pages   = {{513--520}},
  year    = {{2019}},
  doi     = {{{hviid_doi}}},
}}
"""
    hviid = {urls.crossref_work(hviid_doi.lower()): r.crossref_work(r.crossref_item(
                 hviid_doi, hviid_title, hviid_authors, 2019, container="Annals of Internal Medicine", volume="170",
                 issue="8", page="513")),
             urls.openalex_work(hviid_doi.lower()): r.openalex_work(
                 hviid_doi, hviid_title, hviid_authors, 2019, container="Annals of Internal Medicine", volume="170",
                 first_page="513", last_page="520")}

    lecun = """\
@article{lecun2015deep,
  author  = {LeCun, Yann and Bengio, Yoshua and Hinton, Geoffrey},
  title   = {Deep Learning},
  journal = {Nature},
  volume  = {521},
  pages   = {436--444},
  year    = {2015},
  doi     = {DOI},
}
"""
    lecun_essay = "Deep networks learn representations at several levels of abstraction (LeCun et al., 2015).\n"
    kuhn = """\
@book{kuhn1996structure,
  author    = {Kuhn, Thomas S.},
  title     = {The Structure of Scientific Revolutions},
  edition   = {3},
  publisher = {University of Chicago Press},
  year      = {1996},
  isbn      = {ISBN},
}
"""
    kuhn_essay = "Normal science, Kuhn argued, is puzzle-solving within a paradigm (Kuhn, 1996, p. 35).\n"
    nature = """\
@article{watson1953molecular,
  author  = {Watson, J. D. and Crick, F. H. C.},
  title   = {Molecular Structure of Nucleic Acids: A Structure for Deoxyribose Nucleic Acid},
  journal = {Nature},
  issn    = {ISSN},
  volume  = {171},
  pages   = {737--738},
  year    = {1953},
}
"""
    nature_essay = "The structure has two helical chains each coiled round the same axis (Watson and Crick, 1953).\n"
    return {
        "reference-not-found": (
            RuleExample(essay="Provincial party cells read the speech aloud within a month (Halvorsen, 2019).\n",
                        bib=ghost_bib, config=on, records=empty,
                        note="Neither Crossref nor OpenAlex has a record with this title and author."),
            RuleExample(essay="Khrushchev rose through the Moscow party organisation (Taubman, 2003).\n",
                        bib=taubman_bib, config=on, records=taubman_search,
                        note="Cite a work that exists (Open Library has this one)."),
        ),
        "reference-identifier-mismatch": (
            RuleExample(essay=thaw_essay, bib=thaw_bib(doi=watson_doi), config=on, records={**thaw_records, **watson},
                        note="The DOI is real, but it is Watson and Crick's 1953 paper in Nature."),
            RuleExample(essay=thaw_essay, bib=thaw_bib(), config=on, records={**thaw_records, **watson},
                        note="Give the work's own DOI."),
        ),
        "reference-metadata-mismatch": (
            RuleExample(essay=thaw_essay, bib=thaw_bib(year="2018", pages="111--134"), config=on,
                        records=thaw_records, note="Crossref and OpenAlex give pages 101–124."),
            RuleExample(essay=thaw_essay, bib=thaw_bib(), config=on, records=thaw_records,
                        note="Copy the fields from the record (`citecheck bib check --fix` prints the change)."),
        ),
        "reference-retracted": (
            RuleExample(essay="A 1998 study linked the MMR vaccine to autism (Wakefield et al., 1998).\n",
                        bib=wakefield_bib, config=on, records=wakefield,
                        note="The Lancet retracted the paper in 2010; OpenAlex marks it `is_retracted`."),
            RuleExample(essay="A nationwide cohort study found no link between the MMR vaccine and autism "
                              "(Hviid et al., 2019).\n", bib=hviid_bib, config=on, records=hviid,
                        note="Cite work that stands (or say that the work you cite was retracted)."),
        ),
        "reference-unverified": (
            RuleExample(essay=thaw_essay, bib=thaw_bib(), config=on,
                        note="Checked offline with no recorded answers: the indexes cannot be asked."),
            RuleExample(essay=thaw_essay, bib=thaw_bib(), config=on, records=thaw_records,
                        note="Record the answers once with `citecheck fetch --check-references --snapshots "
                             "snapshots/`, then check offline with `--snapshots snapshots/`."),
        ),
        "doi-invalid": (
            RuleExample(essay=lecun_essay, bib=lecun.replace("{DOI}", "{1038/nature14539}"),
                        note="The DOI lacks its `10.` prefix."),
            RuleExample(essay=lecun_essay, bib=lecun.replace("{DOI}", "{10.1038/nature14539}")),
        ),
        "isbn-invalid": (
            RuleExample(essay=kuhn_essay, bib=kuhn.replace("{ISBN}", "{0-226-45808-4}"),
                        note="The last digit of an ISBN-10 is a check digit; here it is wrong."),
            RuleExample(essay=kuhn_essay, bib=kuhn.replace("{ISBN}", "{0-226-45808-3}")),
        ),
        "issn-invalid": (
            RuleExample(essay=nature_essay, bib=nature.replace("{ISSN}", "{0028-0837}"),
                        note="Nature's ISSN ends in 6."),
            RuleExample(essay=nature_essay, bib=nature.replace("{ISSN}", "{0028-0836}")),
        ),
    }
