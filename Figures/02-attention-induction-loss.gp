# Training loss on the induction task
# Written by Tailor. To redraw or restyle: cd Figures && gnuplot 02-attention-induction-loss.gp
set terminal pngcairo size 960,600 enhanced font 'DejaVu Sans,13' linewidth 1.5
set output '02-attention-induction-loss.png'
set termoption noenhanced
set title 'Training loss on the induction task' font ',15'
set xlabel 'step'
set ylabel 'cross-entropy on the second copy (nats)'
set border 3 lc rgb '#555555'
set tics nomirror out
set grid lc rgb '#dddddd' lt 1
set key top right box lc rgb '#bbbbbb' opaque
set yrange [-0.1:6.238325]
set linetype 1 lc rgb '#1f77b4' lw 2 pt 7 ps 1.1
set linetype 2 lc rgb '#d62728' lw 2 pt 7 ps 1.1
set linetype 3 lc rgb '#2ca02c' lw 2 pt 7 ps 1.1
set linetype 4 lc rgb '#ff7f0e' lw 2 pt 7 ps 1.1
set linetype 5 lc rgb '#9467bd' lw 2 pt 7 ps 1.1
set linetype 6 lc rgb '#8c564b' lw 2 pt 7 ps 1.1
set linetype 7 lc rgb '#e377c2' lw 2 pt 7 ps 1.1
set linetype 8 lc rgb '#17becf' lw 2 pt 7 ps 1.1
set linetype 9 lc rgb '#7f7f7f' lw 2 pt 7 ps 1.1
set linetype 10 lc rgb '#bcbd22' lw 2 pt 7 ps 1.1
plot '02-attention-induction-loss.dat' index 0 using 1:2 with lines lt 1 title '1 layer, seed 142', \
     '02-attention-induction-loss.dat' index 1 using 1:2 with lines lt 2 title '1 layer, seed 143', \
     '02-attention-induction-loss.dat' index 2 using 1:2 with lines lt 3 title '1 layer, seed 144', \
     '02-attention-induction-loss.dat' index 3 using 1:2 with lines lt 4 title '2 layers, seed 142', \
     '02-attention-induction-loss.dat' index 4 using 1:2 with lines lt 5 title '2 layers, seed 143', \
     '02-attention-induction-loss.dat' index 5 using 1:2 with lines lt 6 title '2 layers, seed 144', \
     '02-attention-induction-loss.dat' index 6 using 1:2 with lines lt 7 dt 2 title 'chance: ln 32'
